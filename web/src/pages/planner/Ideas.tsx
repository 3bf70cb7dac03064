// Planner → Ideas: a sector's content ideas with filters, sorting and pages; open one to edit it
// (?idea=<id> opens it directly); bulk status, delete and CSV export.
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { ReadOnlyNote, useCanEditContent } from '../../app/content-modules';
import { useViewer } from '../../app/viewer';
import {
  ContentIdeasCsvDocument,
  DeleteContentIdeasDocument,
  type IdeaOrderField,
  type IdeaRowFragment,
  PlannerIdeasDocument,
  QueueIdeasToWriterDocument,
  SetContentIdeasStatusDocument,
} from '../../gql/graphql';
import { useOnJobsChanged } from '../../jobs/live';
import { BulkBar, BulkDeleteButton, BulkStatusChoice, OutcomeBanner, useOutcome } from '../../ui/bulk';
import { type Column, DataTable, RowCheckbox, type Selection, type SortOrder } from '../../ui/DataTable';
import { formatCount, formatNumber, humanize } from '../../ui/format';
import { ListResults, useListControls } from '../../ui/ListResults';
import { Badge, PageHeader } from '../../ui/PageHeader';
import { useClusterOptions } from './cluster-options';
import { ExportCsvButton } from './download';
import { IdeaDialog } from './IdeaEditor';
import { IdeaFilters, ideaFilterOf, NO_IDEA_FILTERS } from './IdeaFilters';
import { IDEA_STATUS_TONE, IDEA_STATUSES } from './labels';
import './planner.css';
import { PlannerWorkspace, type Workspace, WorkspacePicker } from './workspace';

const SHOWN_KEYWORDS = 3;
const FIRST_ORDER: SortOrder<IdeaOrderField> = { field: 'CREATED_AT', direction: 'DESC' };
const COLUMNS: Column<IdeaOrderField>[] = [
  { label: 'Title', sortBy: 'TITLE' },
  { label: 'Type', sortBy: 'CONTENT_TYPE' },
  { label: 'Cluster' },
  { label: 'Target keywords' },
  { label: 'Words', sortBy: 'ESTIMATED_WORD_COUNT', numeric: true },
  { label: 'Status', sortBy: 'STATUS' },
];

function IdeaTableRow({
  idea,
  selection,
  onOpen,
}: {
  idea: IdeaRowFragment;
  selection: Selection | null;
  onOpen: () => void;
}) {
  const more = idea.targetKeywords.length - SHOWN_KEYWORDS;
  return (
    <tr data-testid="idea-row">
      <RowCheckbox id={idea.id} label={idea.title} selection={selection} />
      <td>
        <button type="button" className="link-button cell-title idea-open" onClick={onOpen}>
          {idea.title}
        </button>
      </td>
      <td>{humanize(idea.contentType)}</td>
      <td>
        {idea.cluster ? (
          <Link to={`/planner/clusters/${idea.cluster.id}`}>{idea.cluster.name}</Link>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="cell-keywords">
        {idea.targetKeywords.slice(0, SHOWN_KEYWORDS).join(', ')}
        {more > 0 && <span className="muted"> +{more}</span>}
      </td>
      <td className="cell-number">{formatNumber(idea.estimatedWordCount)}</td>
      <td>
        <Badge tone={IDEA_STATUS_TONE[idea.status]}>{humanize(idea.status)}</Badge>
      </td>
    </tr>
  );
}

function IdeasView({ workspace }: { workspace: Workspace }) {
  const canEdit = useCanEditContent();
  const client = useApolloClient();
  const [params, setParams] = useSearchParams();
  const openId = params.get('idea');
  const place = { siteId: workspace.site.id, sectorId: workspace.sector.id };
  const controls = useListControls(NO_IDEA_FILTERS, FIRST_ORDER, (values, search) =>
    ideaFilterOf(place, values, search),
  );
  const { filter, pages, selection } = controls;
  const outcomes = useOutcome();

  const { data, previousData, error, loading, refetch } = useQuery(PlannerIdeasDocument, {
    variables: controls.variables,
  });
  const { clusters } = useClusterOptions(place);
  // Idea jobs add ideas.
  useOnJobsChanged(() => void refetch());
  const [setStatus] = useMutation(SetContentIdeasStatusDocument);
  const [deleteIdeas] = useMutation(DeleteContentIdeasDocument, { refetchQueries: [PlannerIdeasDocument] });
  const [queueIdeas, queueing] = useMutation(QueueIdeasToWriterDocument, { refetchQueries: [PlannerIdeasDocument] });
  const writerOn = useViewer().account.enabledModules.includes('WRITER');

  const list = (data ?? previousData)?.contentIdeas;
  const ideas = list?.edges.map((edge) => edge.node) ?? [];
  const selected = ideas.filter((idea) => selection.ids.has(idea.id)).map((idea) => idea.id);
  const rowSelection = canEdit ? selection : null;
  const open = (id: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (id) next.set('idea', id);
      else next.delete('idea');
      return next;
    });

  return (
    <div className="page page-wide">
      <PageHeader
        title="Ideas"
        description="Content ideas for the sector's clusters: open one to shape its outline before it goes to the writer."
        actions={
          <ExportCsvButton
            onError={outcomes.failed}
            fetchLink={async () =>
              (await client.query({ query: ContentIdeasCsvDocument, variables: { filter }, fetchPolicy: 'no-cache' }))
                .data?.contentIdeasCsv.url
            }
          />
        }
      />
      <WorkspacePicker workspace={workspace} />
      <ReadOnlyNote module="PLANNER" />
      <IdeaFilters values={controls.filters} clusters={clusters} onChange={controls.setFilters} />
      <OutcomeBanner outcome={outcomes.outcome} />
      {canEdit && selected.length > 0 && (
        <BulkBar count={selected.length} singular="idea" onClear={selection.clear}>
          {writerOn && (
            <button
              type="button"
              className="button button-small"
              disabled={queueing.loading}
              onClick={() =>
                void outcomes.act(async () => {
                  const result = await queueIdeas({ variables: { input: { ideaIds: selected } } });
                  selection.clear();
                  const queued = result.data?.queueIdeasToWriter.tasks.length ?? 0;
                  const skipped = result.data?.queueIdeasToWriter.skipped ?? [];
                  const reasons = [...new Set(skipped.map((skip) => skip.reason))].join('; ');
                  return `Queued ${formatCount(queued, 'idea')} to the writer${
                    skipped.length ? `; skipped ${formatCount(skipped.length, 'idea')} (${reasons})` : ''
                  }.`;
                })
              }
            >
              Queue to writer
            </button>
          )}
          <BulkStatusChoice
            statuses={IDEA_STATUSES}
            singular="idea"
            outcomes={outcomes}
            setStatus={async (status) =>
              (await setStatus({ variables: { input: { ids: selected, status } } })).data?.setContentIdeasStatus
                .length ?? 0
            }
          />
          <BulkDeleteButton
            count={selected.length}
            singular="idea"
            consequence="This cannot be undone."
            outcomes={outcomes}
            deleteSelected={async () => {
              const result = await deleteIdeas({ variables: { input: { ids: selected } } });
              pages.restart();
              return result.data?.deleteContentIdeas.deletedCount ?? 0;
            }}
          />
        </BulkBar>
      )}
      <ListResults
        list={list}
        error={error}
        loading={loading}
        shown={ideas.length}
        pages={pages}
        singular="idea"
        plural="ideas"
        sectorName={workspace.sector.name}
        filtered={controls.filtered}
        emptyHint={
          <>
            Generate ideas for clusters on the <Link to="/planner/clusters">Clusters</Link> page.
          </>
        }
      >
        <DataTable
          dense
          label="Ideas"
          columns={COLUMNS}
          sorting={controls.sorting}
          selection={rowSelection}
          rowIds={ideas.map((idea) => idea.id)}
          busy={loading}
        >
          {ideas.map((idea) => (
            <IdeaTableRow key={idea.id} idea={idea} selection={rowSelection} onOpen={() => open(idea.id)} />
          ))}
        </DataTable>
      </ListResults>
      {openId && <IdeaDialog key={openId} id={openId} canEdit={canEdit} onClose={() => open(null)} />}
    </div>
  );
}

export function IdeasPage() {
  return (
    <PlannerWorkspace title="Ideas">
      {(workspace) => <IdeasView key={workspace.sector.id} workspace={workspace} />}
    </PlannerWorkspace>
  );
}
