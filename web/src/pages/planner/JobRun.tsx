// A planner job started from a page (auto-cluster, generate ideas), followed by ui/JobProgress,
// and what it made: the new clusters or ideas.
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  type JobSummaryFragment,
  PlannerJobClustersDocument,
  PlannerJobIdeasDocument,
  PlannerJobProgressDocument,
} from '../../gql/graphql';
import { Banner } from '../../ui/Banner';
import { describeError } from '../../ui/errors';
import { formatCount, formatNumber, humanize } from '../../ui/format';
import { JobProgress } from '../../ui/JobProgress';
import { Card } from '../../ui/PageHeader';

/** A planner job followed on the planner's job events, with what it made. */
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
  return (
    <JobProgress
      subscription={PlannerJobProgressDocument}
      started={started}
      title={title}
      interruptedNote="The job keeps running: the Jobs panel in the header shows where it is."
      onFinished={onFinished}
      results={results && ((job) => results(job.id))}
    />
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
