// A planner job started from a page (auto-cluster, generate ideas): its progress followed live
// until it ends, then what it made, why it failed, or that it was cancelled.
import { useQuery, useSubscription } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  type JobSummaryFragment,
  PlannerJobClustersDocument,
  PlannerJobIdeasDocument,
  PlannerJobProgressDocument,
} from '../../gql/graphql';
import { FINISHED_STATUSES, jobStepLabel } from '../../jobs/job-state';
import { Banner } from '../../ui/Banner';
import { describeError } from '../../ui/errors';
import { formatCount, formatNumber, humanize } from '../../ui/format';
import { Card } from '../../ui/PageHeader';

export function JobRun({
  started,
  title,
  onFinished,
  results,
}: {
  started: JobSummaryFragment;
  /** What the job does, e.g. "Auto-cluster". */
  title: string;
  /** Told once, when the job has ended (lists read again). */
  onFinished: () => void;
  /** What a job that succeeded made, when the page does not show it already. */
  results?: (jobId: string) => ReactNode;
}) {
  const { data, error } = useSubscription(PlannerJobProgressDocument, {
    variables: { id: started.id },
    onData: ({ data: event }) => {
      const status = event.data?.jobProgress.status;
      if (status && FINISHED_STATUSES.has(status)) onFinished();
    },
  });
  const job = data?.jobProgress ?? started;

  if (job.status === 'SUCCEEDED') {
    return (
      <div className="job-run" data-testid="job-run">
        <Banner tone="success" title={job.resultSummary ?? `${title} finished`}>
          {job.creditsCharged > 0 && <p>{formatNumber(job.creditsCharged)} credits were charged.</p>}
        </Banner>
        {results?.(job.id)}
      </div>
    );
  }
  if (job.status === 'FAILED') {
    return (
      <Banner tone="error" title={`${title} failed.`}>
        <p>{job.error ?? job.message}</p>
        <p>Its held credits were given back.</p>
      </Banner>
    );
  }
  if (job.status === 'CANCELLED') {
    return <Banner tone="info" title={`${title} was cancelled; its held credits were given back.`} />;
  }
  const step = jobStepLabel(job.status === 'QUEUED' ? 'QUEUED' : job.step);
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
          {describeError(error, []).message} The job keeps running: the Jobs panel in the header shows where it is.
        </Banner>
      )}
    </div>
  );
}

/** A job started from a list page, in a card of its own that the user hides once they have read it. */
export function JobRunCard({
  job,
  title,
  onHide,
  onFinished,
  results,
}: {
  job: JobSummaryFragment;
  title: string;
  onHide: () => void;
  onFinished: () => void;
  results: (jobId: string) => ReactNode;
}) {
  return (
    <Card
      title={title}
      actions={
        <button type="button" className="button button-secondary button-small" onClick={onHide}>
          Hide
        </button>
      }
    >
      <JobRun key={job.id} started={job} title={title} onFinished={onFinished} results={results} />
    </Card>
  );
}

/** The clusters an auto-cluster job made, each a link to its page. */
export function ClusteringResults({ jobId }: { jobId: string }) {
  const { data, error } = useQuery(PlannerJobClustersDocument, {
    variables: { id: jobId },
    fetchPolicy: 'network-only',
  });
  if (error) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  const clusters = data?.job.clusters ?? [];
  if (clusters.length === 0) return null;
  return (
    <ul className="job-run-results" aria-label="New clusters">
      {clusters.map((cluster) => (
        <li key={cluster.id}>
          <Link to={`/planner/clusters/${cluster.id}`}>{cluster.name}</Link>{' '}
          <span className="muted">
            {formatCount(cluster.keywordsCount, 'keyword')} · {formatNumber(cluster.totalVolume)} searches
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The ideas a generate-ideas job wrote, each opening in the ideas list. */
export function IdeaResults({ jobId }: { jobId: string }) {
  const { data, error } = useQuery(PlannerJobIdeasDocument, { variables: { id: jobId }, fetchPolicy: 'network-only' });
  if (error) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  const ideas = data?.job.contentIdeas ?? [];
  if (ideas.length === 0) return null;
  return (
    <ul className="job-run-results" aria-label="New ideas">
      {ideas.map((idea) => (
        <li key={idea.id}>
          <Link to={`/planner/ideas?idea=${idea.id}`}>{idea.title}</Link>{' '}
          <span className="muted">
            {humanize(idea.contentType)}
            {idea.cluster && ` · ${idea.cluster.name}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
