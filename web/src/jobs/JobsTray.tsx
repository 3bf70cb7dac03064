// The header's jobs button: how many jobs are queued or running, and a panel with the recent
// ones — live progress, what they are doing, and cancel for those not finished yet.
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useViewer } from '../app/viewer';
import {
  ActiveJobCountDocument,
  CancelJobDocument,
  type JobStatus,
  type JobSummaryFragment,
  RecentJobsDocument,
  type Role,
} from '../gql/graphql';
import { Banner } from '../ui/Banner';
import { ConfirmButton } from '../ui/ConfirmButton';
import { describeError } from '../ui/errors';
import { formatDateTime, formatNumber, humanize } from '../ui/format';
import { Badge, Loading } from '../ui/PageHeader';
import { JOB_STATUS_TONE, jobPath, jobStepLabel } from './job-state';
import { useOnJobsChanged } from './live';
import './jobs.css';

const RECENT_JOBS = 10;
/** cancelJob needs an editor or above. */
const CANCEL_ROLES: ReadonlySet<Role> = new Set<Role>(['EDITOR', 'ADMIN', 'OWNER', 'DEVELOPER']);
const UNFINISHED: ReadonlySet<JobStatus> = new Set<JobStatus>(['QUEUED', 'RUNNING']);

function creditsLine(job: JobSummaryFragment): string | null {
  if (job.creditsCharged > 0) return `${formatNumber(job.creditsCharged)} credits charged`;
  if (UNFINISHED.has(job.status) && job.creditsReserved > 0) return `${formatNumber(job.creditsReserved)} credits held`;
  return null;
}

function JobRow({ job, canCancel }: { job: JobSummaryFragment; canCancel: boolean }) {
  const [cancelJob] = useMutation(CancelJobDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const label = job.title;
  const unfinished = UNFINISHED.has(job.status);
  const detail =
    job.status === 'FAILED'
      ? job.error
      : job.status === 'SUCCEEDED'
        ? job.resultSummary
        : [job.step && jobStepLabel(job.step), job.message].filter(Boolean).join(' · ');
  const credits = creditsLine(job);

  return (
    <li className="job-row" data-testid="job-row" aria-label={`${label}: ${humanize(job.status)}`}>
      <div className="job-row-head">
        <div className="job-row-title">
          <Link className="cell-title" to={jobPath(job.id)}>
            {label}
          </Link>
          {job.inputSummary && <span className="muted"> — {job.inputSummary}</span>}
        </div>
        <Badge tone={JOB_STATUS_TONE[job.status]}>{humanize(job.status)}</Badge>
      </div>
      {unfinished && (
        <progress className="job-progress" max={100} value={job.progress} aria-label={`Progress of ${label}`}>
          {job.progress}%
        </progress>
      )}
      {detail && <p className={job.status === 'FAILED' ? 'job-detail job-detail-error' : 'job-detail'}>{detail}</p>}
      <div className="job-row-foot">
        <span className="muted">
          {formatDateTime(job.createdAt)}
          {credits && ` · ${credits}`}
          {unfinished && ` · ${job.progress}%`}
        </span>
        {unfinished && canCancel && (
          <ConfirmButton
            title="Cancel job"
            message={
              <p>
                Stop <strong>{label}</strong>? Work it has not saved yet is lost; its held credits are given back.
              </p>
            }
            confirmLabel="Cancel job"
            aria-label={`Cancel ${label}`}
            onConfirm={async () => {
              setFailure(null);
              try {
                await cancelJob({ variables: { id: job.id } });
              } catch (error) {
                setFailure(describeError(error, []).message);
              }
            }}
          >
            Cancel
          </ConfirmButton>
        )}
      </div>
      {failure && <Banner tone="error">{failure}</Banner>}
    </li>
  );
}

function RecentJobs() {
  const { me } = useViewer();
  const { data, error, loading, refetch } = useQuery(RecentJobsDocument, {
    variables: { first: RECENT_JOBS },
    fetchPolicy: 'cache-and-network',
  });
  // Progress arrives through the cache; a new or finished job changes the list itself.
  useOnJobsChanged(() => void refetch());
  if (loading && !data) return <Loading label="Loading jobs…" />;
  if (!data) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  const jobs = data.jobs.edges.map((edge) => edge.node);
  if (jobs.length === 0) {
    return <p className="empty">No jobs yet. AI work you start (clustering, writing, images) shows up here.</p>;
  }
  return (
    <>
      <ul className="job-list">
        {jobs.map((job) => (
          <JobRow key={job.id} job={job} canCancel={CANCEL_ROLES.has(me.role)} />
        ))}
      </ul>
      {data.jobs.totalCount > jobs.length && (
        <p className="muted job-list-more">
          The {jobs.length} most recent of {formatNumber(data.jobs.totalCount)} jobs.
        </p>
      )}
    </>
  );
}

export function JobsTray() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const tray = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { data, refetch } = useQuery(ActiveJobCountDocument);
  useOnJobsChanged(() => void refetch());
  const active = data?.jobs.totalCount ?? 0;

  // A click elsewhere or Escape closes the panel (the cancel dialog is inside the tray).
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!tray.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      // Escape in the open cancel dialog closes only the dialog.
      if (event.key !== 'Escape' || tray.current?.querySelector('dialog[open]')) return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="jobs-tray" ref={tray}>
      <button
        ref={button}
        type="button"
        className="button button-secondary button-small"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={active ? `Jobs, ${active} running or queued` : 'Jobs'}
        onClick={() => setOpen((was) => !was)}
      >
        Jobs
        {active > 0 && (
          <span className="jobs-tray-count" data-testid="active-jobs">
            {active}
          </span>
        )}
      </button>
      {open && (
        <section className="jobs-panel" id={panelId} aria-label="Recent jobs">
          <h2 className="jobs-panel-title">Recent jobs</h2>
          <RecentJobs />
        </section>
      )}
    </div>
  );
}
