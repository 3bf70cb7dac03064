// Planner → Keywords: a sector's keywords with filters, sorting and pages; import (file or paste),
// the seed library, bulk status/cluster/delete, auto-cluster as a live job, and CSV export.
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { ReadOnlyNote, useCanEditContent } from '../../app/content-modules';
import {
  AssignKeywordsToClusterDocument,
  DeleteKeywordsDocument,
  type JobSummaryFragment,
  type KeywordOrderField,
  type KeywordRowFragment,
  KeywordsCsvDocument,
  PlannerClusterOptionsDocument,
  PlannerKeywordsDocument,
  SetKeywordsStatusDocument,
} from '../../gql/graphql';
import { useOnJobsChanged } from '../../jobs/live';
import { BulkBar, BulkChoice, BulkDeleteButton, BulkStatusChoice, OutcomeBanner, useOutcome } from '../../ui/bulk';
import { type Column, DataTable, RowCheckbox, type Selection, type SortOrder } from '../../ui/DataTable';
import { formatCount, formatNumber, humanize } from '../../ui/format';
import { ListResults, useListControls } from '../../ui/ListResults';
import { Badge, PageHeader } from '../../ui/PageHeader';
import { AutoClusterDialog } from './AutoCluster';
import { clusterChoices, useClusterOptions } from './cluster-options';
import { ExportCsvButton } from './download';
import { ClusteringResults, JobRunCard } from './JobRun';
import { KeywordFilters, keywordFilterOf, NO_KEYWORD_FILTERS } from './KeywordFilters';
import { KeywordImportDialog } from './KeywordImport';
import { KEYWORD_STATUS_TONE, KEYWORD_STATUSES } from './labels';
import { SeedLibraryDialog } from './SeedLibrary';
import './planner.css';
import { PlannerWorkspace, type Workspace, WorkspacePicker, workspaceSearch } from './workspace';

type Dialog = 'import' | 'seeds' | 'cluster' | null;
/** A bulk change moves keywords between statuses and clusters: both lists are read again. */
const REFETCH = { refetchQueries: [PlannerKeywordsDocument, PlannerClusterOptionsDocument] };

const FIRST_ORDER: SortOrder<KeywordOrderField> = { field: 'VOLUME', direction: 'DESC' };
const COLUMNS: Column<KeywordOrderField>[] = [
  { label: 'Keyword', sortBy: 'KEYWORD' },
  { label: 'Volume', sortBy: 'VOLUME', numeric: true },
  { label: 'Difficulty', sortBy: 'DIFFICULTY', numeric: true },
  { label: 'CPC', sortBy: 'CPC', numeric: true },
  { label: 'Intent', sortBy: 'INTENT' },
  { label: 'Status', sortBy: 'STATUS' },
  { label: 'Cluster' },
  { label: 'Source' },
];

/** A keyword's cost per click, as currency units with cents. */
const formatCpc = (cpc: number | null) => (cpc === null ? '—' : cpc.toFixed(2));

function KeywordTableRow({ keyword, selection }: { keyword: KeywordRowFragment; selection: Selection | null }) {
  return (
    <tr data-testid="keyword-row">
      <RowCheckbox id={keyword.id} label={keyword.keyword} selection={selection} />
      <td className="cell-title">{keyword.keyword}</td>
      <td className="cell-number">{keyword.volume === null ? '—' : formatNumber(keyword.volume)}</td>
      <td className="cell-number">{keyword.difficulty ?? '—'}</td>
      <td className="cell-number">{formatCpc(keyword.cpc)}</td>
      <td>{humanize(keyword.intent)}</td>
      <td>
        <Badge tone={KEYWORD_STATUS_TONE[keyword.status]}>{humanize(keyword.status)}</Badge>
      </td>
      <td>
        {keyword.cluster ? (
          <Link to={`/planner/clusters/${keyword.cluster.id}`}>{keyword.cluster.name}</Link>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="muted">{humanize(keyword.source)}</td>
    </tr>
  );
}

function KeywordsView({ workspace }: { workspace: Workspace }) {
  const canEdit = useCanEditContent();
  const client = useApolloClient();
  const place = { siteId: workspace.site.id, sectorId: workspace.sector.id };
  const controls = useListControls(NO_KEYWORD_FILTERS, FIRST_ORDER, (values, search) =>
    keywordFilterOf(place, values, search),
  );
  const { filter, pages, selection } = controls;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [clustering, setClustering] = useState<JobSummaryFragment | null>(null);
  const outcomes = useOutcome();

  const { data, previousData, error, loading, refetch } = useQuery(PlannerKeywordsDocument, {
    variables: controls.variables,
  });
  const clusterOptions = useClusterOptions(place);
  const refresh = () => {
    void refetch();
    void clusterOptions.refetch();
  };
  // A job that ends (here, in the tray or in another tab) may have moved keywords into clusters.
  useOnJobsChanged(refresh);
  const [deleteKeywords] = useMutation(DeleteKeywordsDocument, REFETCH);
  const [setStatus] = useMutation(SetKeywordsStatusDocument, REFETCH);
  const [assign] = useMutation(AssignKeywordsToClusterDocument, REFETCH);

  const list = (data ?? previousData)?.keywords;
  const keywords = list?.edges.map((edge) => edge.node) ?? [];
  const { clusters } = clusterOptions;
  const selected = keywords.filter((keyword) => selection.ids.has(keyword.id)).map((keyword) => keyword.id);
  const rowSelection = canEdit ? selection : null;

  return (
    <div className="page page-wide">
      <PageHeader
        title="Keywords"
        description="The search terms of a sector: import them, cluster them into topics, then plan content for the clusters."
        actions={
          <>
            <ExportCsvButton
              onError={outcomes.failed}
              fetchLink={async () =>
                (await client.query({ query: KeywordsCsvDocument, variables: { filter }, fetchPolicy: 'no-cache' }))
                  .data?.keywordsCsv.url
              }
            />
            {canEdit && (
              <>
                <button type="button" className="button button-secondary" onClick={() => setDialog('seeds')}>
                  Add from seed library
                </button>
                <button type="button" className="button button-secondary" onClick={() => setDialog('import')}>
                  Import
                </button>
                <button type="button" className="button" onClick={() => setDialog('cluster')}>
                  Auto-cluster
                </button>
              </>
            )}
          </>
        }
      />
      <WorkspacePicker workspace={workspace} />
      <ReadOnlyNote module="PLANNER" />
      {clustering && (
        <JobRunCard
          job={clustering}
          title="Auto-cluster"
          onHide={() => setClustering(null)}
          onFinished={refresh}
          results={(jobId) => (
            <>
              <ClusteringResults jobId={jobId} />
              <p>
                <Link to={`/planner/clusters${workspaceSearch(place.siteId, place.sectorId)}`}>
                  See all clusters of {workspace.sector.name}
                </Link>
              </p>
            </>
          )}
        />
      )}
      <KeywordFilters values={controls.filters} clusters={clusters} onChange={controls.setFilters} />
      <OutcomeBanner outcome={outcomes.outcome} />
      {canEdit && selected.length > 0 && (
        <BulkBar count={selected.length} singular="keyword" onClear={selection.clear}>
          <BulkStatusChoice
            statuses={KEYWORD_STATUSES}
            singular="keyword"
            outcomes={outcomes}
            setStatus={async (status) =>
              (await setStatus({ variables: { input: { ids: selected, status } } })).data?.setKeywordsStatus.count ?? 0
            }
          />
          <BulkChoice
            label="Move to cluster"
            actionLabel="Move"
            options={[...clusterChoices(clusters), { value: '', label: 'No cluster' }]}
            onApply={(clusterId) =>
              outcomes.act(async () => {
                const result = await assign({ variables: { input: { ids: selected, clusterId: clusterId || null } } });
                const count = formatCount(result.data?.assignKeywordsToCluster.count ?? 0, 'keyword');
                const target = clusters.find((cluster) => cluster.id === clusterId);
                return target ? `${count} moved to ${target.name}.` : `${count} taken out of their cluster.`;
              })
            }
          />
          <button type="button" className="button button-secondary button-small" onClick={() => setDialog('cluster')}>
            Auto-cluster these
          </button>
          <BulkDeleteButton
            count={selected.length}
            singular="keyword"
            consequence="Their clusters keep the other keywords. This cannot be undone."
            outcomes={outcomes}
            deleteSelected={async () => {
              const result = await deleteKeywords({ variables: { input: { ids: selected } } });
              pages.restart();
              return result.data?.deleteKeywords.deletedCount ?? 0;
            }}
          />
        </BulkBar>
      )}
      <ListResults
        list={list}
        error={error}
        loading={loading}
        shown={keywords.length}
        pages={pages}
        singular="keyword"
        plural="keywords"
        sectorName={workspace.sector.name}
        filtered={controls.filtered}
        emptyHint={
          canEdit
            ? 'Import a CSV file or a list, or add keywords from the seed library.'
            : 'An editor can import keywords.'
        }
      >
        <DataTable
          dense
          label="Keywords"
          columns={COLUMNS}
          sorting={controls.sorting}
          selection={rowSelection}
          rowIds={keywords.map((keyword) => keyword.id)}
          busy={loading}
        >
          {keywords.map((keyword) => (
            <KeywordTableRow key={keyword.id} keyword={keyword} selection={rowSelection} />
          ))}
        </DataTable>
      </ListResults>
      {dialog === 'import' && (
        <KeywordImportDialog
          place={place}
          sectorName={workspace.sector.name}
          onImported={refresh}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'seeds' && (
        <SeedLibraryDialog workspace={workspace} onAdded={refresh} onClose={() => setDialog(null)} />
      )}
      {dialog === 'cluster' && (
        <AutoClusterDialog
          workspace={workspace}
          selectedIds={selected}
          onClose={() => setDialog(null)}
          onStarted={(job) => {
            setDialog(null);
            selection.clear();
            setClustering(job);
          }}
        />
      )}
    </div>
  );
}

export function KeywordsPage() {
  return (
    <PlannerWorkspace title="Keywords">
      {(workspace) => <KeywordsView key={workspace.sector.id} workspace={workspace} />}
    </PlannerWorkspace>
  );
}
