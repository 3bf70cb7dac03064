// A job followed live from the page that started it: its progress and step until it ends, then
// what it made, why it failed, or that it was cancelled. The page names the subscription (which
// may carry what the job made, e.g. a test image) and shows the results.
import type { TypedDocumentNode } from '@apollo/client';
import { useSubscription } from '@apollo/client/react';
import type { ReactNode } from 'react';
import type { JobStatus } from '../gql/graphql';
import { FINISHED_STATUSES, jobStepLabel } from '../jobs/job-state';
import { Banner } from './Banner';
import { describeError } from './errors';
import { formatNumber } from './format';
import './job-progress.css';

/** What every job event carries that the follower shows. */
export interface FollowedJob {
  id: string;
  status: JobStatus;
  progress: number;
  step: string;
  message?: string | null;
  error?: string | null;
  resultSummary?: string | null;
  creditsCharged?: number;
}

export function JobProgress<Job extends FollowedJob>({
  subscription,
  started,
  title,
  failedTitle = `${title} failed.`,
  aiStepLabel,
  interruptedNote,
  onFinished,
  results,
}: {
  /** `jobProgress(id)` with the fields the results need. */
  subscription: TypedDocumentNode<{ jobProgress: Job }, { id: string }>;
  /** The job as the mutation that started it answered. */
  started: FollowedJob;
  /** What the job does, e.g. "Auto-cluster". */
  title: string;
  failedTitle?: string;
  /** The AI step in this job's words (an image is "Generating"); the shared label otherwise. */
  aiStepLabel?: string;
  /** What still happens when live progress is cut off. */
  interruptedNote: string;
  /** Told once, when the job has ended (lists read again). */
  onFinished: () => void;
  /** What a job that succeeded made, when the page does not show it already. */
  results?: (job: Job) => ReactNode;
}) {
  const { data, error } = useSubscription(subscription, {
    variables: { id: started.id },
    onData: ({ data: event }) => {
      const status = event.data?.jobProgress.status;
      if (status && FINISHED_STATUSES.has(status)) onFinished();
    },
  });
  const followed = data?.jobProgress;
  const job: FollowedJob = followed ?? started;

  if (job.status === 'SUCCEEDED') {
    return (
      <div className="job-run" data-testid="job-run">
        <Banner tone="success" title={job.resultSummary ?? `${title} finished`}>
          {!!job.creditsCharged && <p>{formatNumber(job.creditsCharged)} credits were charged.</p>}
        </Banner>
        {followed && results?.(followed)}
      </div>
    );
  }
  if (job.status === 'FAILED') {
    return (
      <Banner tone="error" title={failedTitle}>
        <p>{job.error ?? job.message}</p>
        <p>Its held credits were given back.</p>
      </Banner>
    );
  }
  if (job.status === 'CANCELLED') {
    return <Banner tone="info" title={`${title} was cancelled; its held credits were given back.`} />;
  }
  const step =
    job.status === 'QUEUED'
      ? jobStepLabel('QUEUED')
      : job.step === 'AI_CALL' && aiStepLabel
        ? aiStepLabel
        : jobStepLabel(job.step);
  return (
    <div className="job-run" aria-live="polite" data-testid="job-run">
      <progress max={100} value={job.progress} aria-label={`${title} progress`}>
        {job.progress}%
      </progress>
      <p className="job-run-step" data-testid="job-run-step">
        <strong>{step}</strong>
        {job.message && ` · ${job.message}`} ({job.progress}%)
      </p>
      {error && (
        <Banner tone="warning" title="Live progress was interrupted.">
          {describeError(error, []).message} {interruptedNote}
        </Banner>
      )}
    </div>
  );
}
