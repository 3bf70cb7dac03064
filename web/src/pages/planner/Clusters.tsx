// Planner → Clusters: a sector's clusters with filters, sorting and pages; generate ideas for the
// ticked ones (cost first, live progress), merge, delete and CSV export.
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { ReadOnlyNote, useCanEditContent } from '../../app/content-modules';
import {
  type ClusterOrderField,
  type ClusterRowFragment,
  ClustersCsvDocument,
  DeleteClustersDocument,
  type JobSummaryFragment,
  PlannerClustersDocument,
} from '../../gql/graphql';
import { useOnJobsChanged } from '../../jobs/live';
import { BulkBar, BulkDeleteButton, OutcomeBanner, useOutcome } from '../../ui/bulk';
import { type Column, DataTable, RowCheckbox, type Selection, type SortOrder } from '../../ui/DataTable';
import { formatNumber, humanize } from '../../ui/format';
import { ListResults, useListControls } from '../../ui/ListResults';
import { Badge, PageHeader } from '../../ui/PageHeader';
import { ClusterFilters, clusterFilterOf, NO_CLUSTER_FILTERS } from './ClusterFilters';
import { ExportCsvButton } from './download';
import { GenerateIdeasDialog } from './GenerateIdeas';
import { IdeaResults, JobRunCard } from './JobRun';
import { CLUSTER_STATUS_TONE, formatDifficulty } from './labels';
import { MergeClustersDialog } from './MergeClusters';
import { NewClusterDialog } from './NewCluster';
import './planner.css';
import { PlannerWorkspace, type Workspace, WorkspacePicker } from './workspace';

type Dialog = 'ideas' | 'merge' | 'new' | null;

const COLUMNS: Column<ClusterOrderField>[] = [
  { label: 'Name', sortBy: 'NAME' },
  { label: 'Keywords', sortBy: 'KEYWORDS_COUNT', numeric: true },
  { label: 'Volume', sortBy: 'TOTAL_VOLUME', numeric: true },
  { label: 'Difficulty', sortBy: 'AVG_DIFFICULTY', numeric: true },
  { label: 'Intent' },
  { label: 'Ideas', numeric: true },
  { label: 'Status', sortBy: 'STATUS' },
];

const FIRST_ORDER: SortOrder<ClusterOrderField> = { field: 'TOTAL_VOLUME', direction: 'DESC' };

function ClusterTableRow({ cluster, selection }: { cluster: ClusterRowFragment; selection: Selection | null }) {
  return (
    <tr data-testid="cluster-row">
      <RowCheckbox id={cluster.id} label={cluster.name} selection={selection} />
      <td>
        <Link className="cell-title" to={`/planner/clusters/${cluster.id}`}>
          {cluster.name}
        </Link>
        {cluster.description && <p className="muted cell-clamp">{cluster.description}</p>}
      </td>
      <td className="cell-number">{formatNumber(cluster.keywordsCount)}</td>
      <td className="cell-number">{formatNumber(cluster.totalVolume)}</td>
      <td className="cell-number">{formatDifficulty(cluster.avgDifficulty)}</td>
      <td>{cluster.intent ? humanize(cluster.intent) : <span className="muted">—</span>}</td>
      <td className="cell-number">{formatNumber(cluster.ideasCount)}</td>
      <td>
        <Badge tone={CLUSTER_STATUS_TONE[cluster.status]}>{humanize(cluster.status)}</Badge>
      </td>
    </tr>
  );
}

function ClustersView({ workspace }: { workspace: Workspace }) {
  const canEdit = useCanEditContent();
  const client = useApolloClient();
  const place = { siteId: workspace.site.id, sectorId: workspace.sector.id };
  const controls = useListControls(NO_CLUSTER_FILTERS, FIRST_ORDER, (values, search) =>
    clusterFilterOf(place, values, search),
  );
  const { filter, pages, selection } = controls;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [generating, setGenerating] = useState<JobSummaryFragment | null>(null);
  const outcomes = useOutcome();

  const { data, previousData, error, loading, refetch } = useQuery(PlannerClustersDocument, {
    variables: controls.variables,
  });
  // Clustering and idea jobs change clusters and their statuses.
  useOnJobsChanged(() => void refetch());
  const [deleteClusters] = useMutation(DeleteClustersDocument, { refetchQueries: [PlannerClustersDocument] });

  const list = (data ?? previousData)?.clusters;
  const clusters = list?.edges.map((edge) => edge.node) ?? [];
  const selected = clusters.filter((cluster) => selection.ids.has(cluster.id));
  const rowSelection = canEdit ? selection : null;

  return (
    <div className="page page-wide">
      <PageHeader
        title="Clusters"
        description="Topics made of keywords one page can serve. Generate content ideas for them, or merge and tidy them."
        actions={
          <>
            <ExportCsvButton
              onError={outcomes.failed}
              fetchLink={async () =>
                (await client.query({ query: ClustersCsvDocument, variables: { filter }, fetchPolicy: 'no-cache' }))
                  .data?.clustersCsv.url
              }
            />
            {canEdit && (
              <button type="button" className="button" onClick={() => setDialog('new')}>
                New cluster
              </button>
            )}
          </>
        }
      />
      <WorkspacePicker workspace={workspace} />
      <ReadOnlyNote module="PLANNER" />
      {generating && (
        <JobRunCard
          job={generating}
          title="Generate ideas"
          onHide={() => setGenerating(null)}
          onFinished={() => void refetch()}
          results={(jobId) => <IdeaResults jobId={jobId} />}
        />
      )}
      <ClusterFilters values={controls.filters} onChange={controls.setFilters} />
      <OutcomeBanner outcome={outcomes.outcome} />
      {canEdit && selected.length > 0 && (
        <BulkBar count={selected.length} singular="cluster" onClear={selection.clear}>
          <button type="button" className="button button-small" onClick={() => setDialog('ideas')}>
            Generate ideas
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={selected.length < 2}
            title={selected.length < 2 ? 'Select two or more clusters to merge' : undefined}
            onClick={() => setDialog('merge')}
          >
            Merge
          </button>
          <BulkDeleteButton
            count={selected.length}
            singular="cluster"
            consequence="Their keywords are kept (back to New) and their ideas kept without a cluster."
            outcomes={outcomes}
            deleteSelected={async () => {
              const ids = selected.map((cluster) => cluster.id);
              const result = await deleteClusters({ variables: { input: { ids } } });
              pages.restart();
              return result.data?.deleteClusters.deletedCount ?? 0;
            }}
          />
        </BulkBar>
      )}
      <ListResults
        list={list}
        error={error}
        loading={loading}
        shown={clusters.length}
        pages={pages}
        singular="cluster"
        plural="clusters"
        sectorName={workspace.sector.name}
        filtered={controls.filtered}
        emptyHint={
          <>
            Auto-cluster the sector's keywords on the <Link to="/planner/keywords">Keywords</Link> page.
          </>
        }
      >
        <DataTable
          dense
          label="Clusters"
          columns={COLUMNS}
          sorting={controls.sorting}
          selection={rowSelection}
          rowIds={clusters.map((cluster) => cluster.id)}
          busy={loading}
        >
          {clusters.map((cluster) => (
            <ClusterTableRow key={cluster.id} cluster={cluster} selection={rowSelection} />
          ))}
        </DataTable>
      </ListResults>
      {dialog === 'ideas' && (
        <GenerateIdeasDialog
          clusters={selected}
          onClose={() => setDialog(null)}
          onStarted={(job) => {
            setDialog(null);
            selection.clear();
            setGenerating(job);
          }}
        />
      )}
      {dialog === 'new' && <NewClusterDialog place={place} onClose={() => setDialog(null)} />}
      {dialog === 'merge' && (
        <MergeClustersDialog
          clusters={selected}
          onClose={() => setDialog(null)}
          onMerged={(target) => {
            setDialog(null);
            selection.clear();
            void outcomes.act(async () => `Merged into ${target.name}.`);
          }}
        />
      )}
    </div>
  );
}

export function ClustersPage() {
  return (
    <PlannerWorkspace title="Clusters">
      {(workspace) => <ClustersView key={workspace.sector.id} workspace={workspace} />}
    </PlannerWorkspace>
  );
}
