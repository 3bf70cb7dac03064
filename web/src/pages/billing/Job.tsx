// One job, as its credit transaction and the jobs tray link to it: what it did and where, how it
// went, and what it cost. Its progress arrives live through the app's job subscription.
import { useQuery } from '@apollo/client/react';
import { useParams } from 'react-router';
import { JobDetailDocument } from '../../gql/graphql';
import { FINISHED_STATUSES, JOB_STATUS_TONE, jobStepLabel } from '../../jobs/job-state';
import { useOnJobsChanged } from '../../jobs/live';
import { FormFailureBanner } from '../../ui/Banner';
import { describeError } from '../../ui/errors';
import { Fact } from '../../ui/Fact';
import { formatDateTime, formatNumber, humanize } from '../../ui/format';
import { Badge, Card, Loading, PageHeader } from '../../ui/PageHeader';

function JobView({ id }: { id: string }) {
  const { data, error, loading, refetch } = useQuery(JobDetailDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  useOnJobsChanged(() => void refetch());
  if (loading && !data) return <Loading label="Loading the job…" />;
  const job = data?.job;
  if (!job) return <FormFailureBanner failure={describeError(error, [])} />;
  const finished = FINISHED_STATUSES.has(job.status);
  return (
    <>
      <PageHeader title={job.title} description={job.inputSummary || undefined} />
      <Card>
        <dl className="facts">
          <Fact label="Status" testId="job-status">
            <Badge tone={JOB_STATUS_TONE[job.status]}>{humanize(job.status)}</Badge>
          </Fact>
          {!finished && <Fact label="Step">{`${jobStepLabel(job.step)} · ${job.progress}%`}</Fact>}
          <Fact label={finished ? 'Credits charged' : 'Credits held'} testId="job-credits">
            {formatNumber(finished ? job.creditsCharged : job.creditsReserved)}
          </Fact>
          <Fact label="Started">{formatDateTime(job.startedAt ?? job.createdAt)}</Fact>
          {job.finishedAt && <Fact label="Finished">{formatDateTime(job.finishedAt)}</Fact>}
          {job.attempts > 1 && <Fact label="Attempts">{formatNumber(job.attempts)}</Fact>}
        </dl>
        {job.status === 'FAILED' && job.error && <p className="job-detail job-detail-error">{job.error}</p>}
        {job.status === 'SUCCEEDED' && job.resultSummary && (
          <p className="job-detail" data-testid="job-result">
            {job.resultSummary}
          </p>
        )}
      </Card>
    </>
  );
}

export function JobPage() {
  const { id = '' } = useParams();
  return (
    <div className="page">
      <JobView key={id} id={id} />
    </div>
  );
}
