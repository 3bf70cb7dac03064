// Writer → Tasks: the articles to write (one per queued idea), with filters, sorting and pages;
// "Write articles" for the ticked tasks shows the price first, then follows the job live while the
// rows turn COMPLETED (with a link to the article) or FAILED (with why).
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { ReadOnlyNote, useCanEditContent } from '../../app/content-modules';
import {
  DeleteTasksDocument,
  GenerateContentDocument,
  GenerationEstimateDocument,
  type JobSummaryFragment,
  type TaskFilter,
  type TaskOrderField,
  type TaskRowFragment,
  WriterJobProgressDocument,
  WriterTasksDocument,
} from '../../gql/graphql';
import { useOnJobsChanged } from '../../jobs/live';
import { Banner } from '../../ui/Banner';
import { BulkBar, BulkDeleteButton, OutcomeBanner, useOutcome } from '../../ui/bulk';
import { type Column, DataTable, RowCheckbox, type Selection, type SortOrder } from '../../ui/DataTable';
import { describeError } from '../../ui/errors';
import { codeOptions, Field, SelectField } from '../../ui/Field';
import { FilterForm } from '../../ui/FilterForm';
import { formatCount, formatNumber, humanize, onlyIfOneOf } from '../../ui/format';
import { JobProgress } from '../../ui/JobProgress';
import { ListResults, useListControls } from '../../ui/ListResults';
import { Modal } from '../../ui/Modal';
import { Badge, Card, Loading, PageHeader } from '../../ui/PageHeader';
import { CONTENT_STRUCTURES, TASK_STATUS_TONE, TASK_STATUSES } from './labels';
import './writer.css';

interface TaskFilterValues {
  search: string;
  status: string;
  structure: string;
}

const NO_FILTERS: TaskFilterValues = { search: '', status: '', structure: '' };
const FIRST_ORDER: SortOrder<TaskOrderField> = { field: 'CREATED_AT', direction: 'DESC' };
const COLUMNS: Column<TaskOrderField>[] = [
  { label: 'Title', sortBy: 'TITLE' },
  { label: 'Structure' },
  { label: 'Cluster' },
  { label: 'Target words', sortBy: 'WORD_COUNT_TARGET', numeric: true },
  { label: 'Status', sortBy: 'STATUS' },
];

const taskFilterOf = (values: TaskFilterValues, search: string): TaskFilter => ({
  search: search || null,
  status: onlyIfOneOf(TASK_STATUSES, values.status),
  contentStructure: onlyIfOneOf(CONTENT_STRUCTURES, values.structure),
});

function TaskTableRow({ task, selection }: { task: TaskRowFragment; selection: Selection | null }) {
  return (
    <tr data-testid="task-row" data-status={task.status}>
      <RowCheckbox id={task.id} label={task.title} selection={selection} />
      <td>
        {task.contentId ? (
          <Link className="cell-title" to={`/writer/content/${task.contentId}`}>
            {task.title}
          </Link>
        ) : (
          <span className="cell-title">{task.title}</span>
        )}
        <div className="muted">{task.primaryKeyword}</div>
        {task.status === 'FAILED' && task.error && (
          <div className="task-error" role="note">
            {task.error}
          </div>
        )}
      </td>
      <td>{humanize(task.contentStructure)}</td>
      <td>
        {task.cluster ? (
          <Link to={`/planner/clusters/${task.cluster.id}`}>{task.cluster.name}</Link>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="cell-number">{formatNumber(task.wordCountTarget)}</td>
      <td>
        <Badge tone={TASK_STATUS_TONE[task.status]}>{humanize(task.status)}</Badge>
      </td>
    </tr>
  );
}

/** The price of writing the ticked tasks, then the start. */
function WriteDialog({
  taskIds,
  onStarted,
  onClose,
}: {
  taskIds: string[];
  onStarted: (job: JobSummaryFragment) => void;
  onClose: () => void;
}) {
  const estimate = useQuery(GenerationEstimateDocument, { variables: { taskIds }, fetchPolicy: 'network-only' });
  const [generate, starting] = useMutation(GenerateContentDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const price = estimate.data?.generationEstimate;
  const available = estimate.data?.creditBalance.available;
  const start = async () => {
    setFailure(null);
    try {
      const result = await generate({ variables: { input: { taskIds } } });
      if (result.data) onStarted(result.data.generateContent);
    } catch (error) {
      setFailure(describeError(error, []).message ?? 'The articles could not be started. Try again.');
    }
  };
  return (
    <Modal title="Write articles" onClose={onClose}>
      <div className="form">
        {estimate.error && <Banner tone="error">{describeError(estimate.error, []).message}</Banner>}
        {estimate.loading && <Loading label="Working out the price…" />}
        {price && (
          <p data-testid="write-estimate">
            {formatCount(price.tasks, 'article')} of {formatNumber(price.words)} words in all cost{' '}
            <strong>{formatCount(price.credits, 'credit')}</strong>
            {available !== undefined && <span className="muted"> ({formatNumber(available)} available)</span>}. Articles
            that fail are not charged.
          </p>
        )}
        {failure && <Banner tone="error">{failure}</Banner>}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button" disabled={!price || starting.loading} onClick={() => void start()}>
            {starting.loading ? 'Starting…' : `Write ${formatCount(taskIds.length, 'article')}`}
          </button>
        </div>
      </div>
    </Modal>
  );
}

/** Reads the task list again on every progress event of the job (each written task moves). */
function RefetchOnProgress({ jobId, refetch }: { jobId: string; refetch: () => void }) {
  useSubscription(WriterJobProgressDocument, { variables: { id: jobId }, onData: refetch });
  return null;
}

export function TasksPage() {
  const canEdit = useCanEditContent();
  const controls = useListControls(NO_FILTERS, FIRST_ORDER, taskFilterOf);
  const { pages, selection } = controls;
  const outcomes = useOutcome();
  const { data, previousData, error, loading, refetch } = useQuery(WriterTasksDocument, {
    variables: controls.variables,
  });
  useOnJobsChanged(() => void refetch());
  const [deleteTasks] = useMutation(DeleteTasksDocument, { refetchQueries: [WriterTasksDocument] });
  const [writing, setWriting] = useState<string[] | null>(null);
  const [job, setJob] = useState<JobSummaryFragment | null>(null);

  const list = (data ?? previousData)?.tasks;
  const tasks = list?.edges.map((edge) => edge.node) ?? [];
  const selected = tasks.filter((task) => selection.ids.has(task.id)).map((task) => task.id);
  const rowSelection = canEdit ? selection : null;

  return (
    <div className="page page-wide">
      <PageHeader
        title="Tasks"
        description="Articles to write, one per idea queued from the Planner: tick some and write them."
      />
      <ReadOnlyNote module="WRITER" />
      <FilterForm label="Filter tasks" values={controls.filters} none={NO_FILTERS} onChange={controls.setFilters}>
        {(bind) => (
          <>
            <Field label="Search" type="search" placeholder="Title or keyword" {...bind('search')} />
            <SelectField label="Status" options={codeOptions(TASK_STATUSES)} {...bind('status')}>
              <option value="">All statuses</option>
            </SelectField>
            <SelectField label="Structure" options={codeOptions(CONTENT_STRUCTURES)} {...bind('structure')}>
              <option value="">All structures</option>
            </SelectField>
          </>
        )}
      </FilterForm>
      <OutcomeBanner outcome={outcomes.outcome} />
      {job && (
        <Card
          title="Write articles"
          actions={
            <button type="button" className="button button-secondary button-small" onClick={() => setJob(null)}>
              Hide
            </button>
          }
        >
          <RefetchOnProgress jobId={job.id} refetch={() => void refetch()} />
          <JobProgress
            key={job.id}
            subscription={WriterJobProgressDocument}
            started={job}
            title="Write articles"
            interruptedNote="The job keeps running: the Jobs panel in the header shows where it is."
            onFinished={() => void refetch()}
          />
        </Card>
      )}
      {canEdit && selected.length > 0 && (
        <BulkBar count={selected.length} singular="task" onClear={selection.clear}>
          <button type="button" className="button button-small" onClick={() => setWriting(selected)}>
            Write articles
          </button>
          <BulkDeleteButton
            count={selected.length}
            singular="task"
            consequence="Ideas of tasks not yet written go back to New."
            outcomes={outcomes}
            deleteSelected={async () => {
              const result = await deleteTasks({ variables: { input: { ids: selected } } });
              pages.restart();
              return result.data?.deleteTasks.deletedCount ?? 0;
            }}
          />
        </BulkBar>
      )}
      <ListResults
        list={list}
        error={error}
        loading={loading}
        shown={tasks.length}
        pages={pages}
        singular="task"
        plural="tasks"
        sectorName="this account"
        filtered={controls.filtered}
        emptyHint={
          <>
            Queue ideas to the writer from <Link to="/planner/ideas">Planner → Ideas</Link>.
          </>
        }
      >
        <DataTable
          dense
          label="Tasks"
          columns={COLUMNS}
          sorting={controls.sorting}
          selection={rowSelection}
          rowIds={tasks.map((task) => task.id)}
          busy={loading}
        >
          {tasks.map((task) => (
            <TaskTableRow key={task.id} task={task} selection={rowSelection} />
          ))}
        </DataTable>
      </ListResults>
      {writing && (
        <WriteDialog
          taskIds={writing}
          onClose={() => setWriting(null)}
          onStarted={(started) => {
            setWriting(null);
            selection.clear();
            setJob(started);
            void refetch();
          }}
        />
      )}
    </div>
  );
}
