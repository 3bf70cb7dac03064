// Planner → a cluster: its name and description (editable), its numbers, its keywords (paged,
// movable to another cluster or split into a new one) and its ideas, with Generate ideas.
import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCanEditContent } from '../../app/content-modules';
import {
  AssignKeywordsToClusterDocument,
  type JobSummaryFragment,
  type KeywordOrderField,
  PlannerClusterDocument,
  PlannerClusterOptionsDocument,
  type PlannerClusterQuery,
  UpdateClusterDocument,
} from '../../gql/graphql';
import { useOnJobsChanged } from '../../jobs/live';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { BulkBar, BulkChoice, OutcomeBanner, useOutcome } from '../../ui/bulk';
import { type Column, DataTable, RowCheckbox, type SortOrder, useSelection } from '../../ui/DataTable';
import { describeError, formValues, useFormErrors } from '../../ui/errors';
import { Fact } from '../../ui/Fact';
import { codeOptions, Field, SelectField, TextAreaField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { formatCount, formatDate, formatNumber, humanize, isOneOf } from '../../ui/format';
import { Badge, Card, Loading, PageHeader } from '../../ui/PageHeader';
import { Pager } from '../../ui/Pager';
import { useCursorPages } from '../../ui/paging';
import { clusterChoices, useClusterOptions } from './cluster-options';
import { GenerateIdeasDialog } from './GenerateIdeas';
import { JobRun } from './JobRun';
import {
  CLUSTER_CONTEXT_TYPES,
  CLUSTER_STATUS_TONE,
  CLUSTER_STATUSES,
  formatDifficulty,
  IDEA_STATUS_TONE,
  KEYWORD_STATUS_TONE,
} from './labels';
import { SplitClusterDialog } from './SplitCluster';
import './planner.css';
import { rememberSector, workspaceSearch } from './workspace';

type Cluster = PlannerClusterQuery['cluster'];
const KEYWORD_COLUMNS: Column<KeywordOrderField>[] = [
  { label: 'Keyword', sortBy: 'KEYWORD' },
  { label: 'Volume', sortBy: 'VOLUME', numeric: true },
  { label: 'Difficulty', sortBy: 'DIFFICULTY', numeric: true },
  { label: 'Intent', sortBy: 'INTENT' },
  { label: 'Status' },
];
const FIELDS = ['name', 'description', 'contextType', 'status'] as const;

function ClusterForm({ cluster, onDone }: { cluster: Cluster; onDone: () => void }) {
  const [updateCluster, { loading }] = useMutation(UpdateClusterDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const { name = '', description = '', contextType = '', status = '' } = formValues(event.currentTarget);
    try {
      await updateCluster({
        variables: {
          input: {
            id: cluster.id,
            name,
            description,
            contextType: isOneOf(CLUSTER_CONTEXT_TYPES, contextType) ? contextType : null,
            status: isOneOf(CLUSTER_STATUSES, status) ? status : null,
          },
        },
      });
      onDone();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <form onSubmit={submit} className="form" noValidate aria-label={`Edit ${cluster.name}`}>
      <FormFailureBanner failure={failure} />
      <Field label="Name" name="name" required defaultValue={cluster.name} errors={errorsFor('name')} />
      <TextAreaField
        label="Description"
        name="description"
        rows={3}
        defaultValue={cluster.description}
        errors={errorsFor('description')}
      />
      <div className="form-grid">
        <SelectField
          label="Page type"
          name="contextType"
          defaultValue={cluster.contextType}
          options={codeOptions(CLUSTER_CONTEXT_TYPES)}
          errors={errorsFor('contextType')}
        />
        <SelectField
          label="Status"
          name="status"
          defaultValue={cluster.status}
          options={codeOptions(CLUSTER_STATUSES)}
          errors={errorsFor('status')}
        />
      </div>
      <FormActions busy={loading} busyLabel="Saving…" onCancel={onDone}>
        Save cluster
      </FormActions>
    </form>
  );
}

function ClusterFacts({ cluster }: { cluster: Cluster }) {
  return (
    <dl className="facts" data-testid="cluster-facts">
      <Fact label="Keywords">{formatNumber(cluster.keywordsCount)}</Fact>
      <Fact label="Monthly searches">{formatNumber(cluster.totalVolume)}</Fact>
      <Fact label="Avg. difficulty">{formatDifficulty(cluster.avgDifficulty)}</Fact>
      <Fact label="Intent">{cluster.intent ? humanize(cluster.intent) : '—'}</Fact>
      <Fact label="Page type">{humanize(cluster.contextType)}</Fact>
      <Fact label="Status">
        <Badge tone={CLUSTER_STATUS_TONE[cluster.status]}>{humanize(cluster.status)}</Badge>
      </Fact>
      <Fact label="Created">{formatDate(cluster.createdAt)}</Fact>
    </dl>
  );
}

function ClusterView({ id }: { id: string }) {
  const canEdit = useCanEditContent();
  const [order, setOrder] = useState<SortOrder<KeywordOrderField>>({ field: 'VOLUME', direction: 'DESC' });
  const pages = useCursorPages(JSON.stringify(order));
  const selection = useSelection(pages.key);
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'ideas' | 'split' | null>(null);
  const [generating, setGenerating] = useState<JobSummaryFragment | null>(null);
  const { outcome, act } = useOutcome();
  const { data, previousData, error, loading, refetch } = useQuery(PlannerClusterDocument, {
    variables: { id, orderBy: order, first: pages.first, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const cluster = (data ?? previousData)?.cluster;
  const place = cluster ? { siteId: cluster.site.id, sectorId: cluster.sector.id } : null;
  const { clusters } = useClusterOptions(place);
  useOnJobsChanged(() => void refetch());
  const [assign] = useMutation(AssignKeywordsToClusterDocument, {
    refetchQueries: [PlannerClusterDocument, PlannerClusterOptionsDocument],
  });

  // The planner lists open on this cluster's sector from here on.
  const sectorId = cluster?.sector.id;
  useEffect(() => {
    if (sectorId) rememberSector(sectorId);
  }, [sectorId]);

  if (!cluster) {
    if (loading) return <Loading label="Loading the cluster…" />;
    return (
      <div className="page">
        <PageHeader title="Cluster" />
        <Banner tone="error" title="This cluster could not be loaded.">
          {describeError(error, []).message} <Link to="/planner/clusters">Back to the clusters</Link>
        </Banner>
      </div>
    );
  }

  const keywords = cluster.keywords.edges.map((edge) => edge.node);
  const selected = keywords.filter((keyword) => selection.ids.has(keyword.id)).map((keyword) => keyword.id);
  const otherClusters = clusters.filter((other) => other.id !== cluster.id);
  const rowSelection = canEdit ? selection : null;
  const backTo = `/planner/clusters${workspaceSearch(cluster.site.id, cluster.sector.id)}`;

  return (
    <div className="page page-wide">
      <PageHeader
        title={cluster.name}
        description={
          <>
            <Link to={backTo}>Clusters</Link> of {cluster.site.name} → {cluster.sector.name}
          </>
        }
        actions={
          canEdit &&
          !editing && (
            <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
              Edit
            </button>
          )
        }
      />
      <Card title="About this cluster">
        {editing ? (
          <ClusterForm cluster={cluster} onDone={() => setEditing(false)} />
        ) : (
          <p className={cluster.description ? undefined : 'muted'}>{cluster.description || 'No description yet.'}</p>
        )}
        <ClusterFacts cluster={cluster} />
      </Card>
      <OutcomeBanner outcome={outcome} />
      <Card
        title="Ideas"
        description="Content ideas for this cluster, newest first."
        actions={
          canEdit && (
            <button type="button" className="button" onClick={() => setDialog('ideas')}>
              Generate ideas
            </button>
          )
        }
      >
        {generating && (
          <JobRun
            key={generating.id}
            started={generating}
            title="Generate ideas"
            // The list below shows the new ideas.
            onFinished={() => void refetch()}
          />
        )}
        {cluster.ideas.length === 0 ? (
          <p className="empty">No ideas yet.</p>
        ) : (
          <ul className="idea-list" aria-label="Ideas of this cluster">
            {cluster.ideas.map((idea) => (
              <li key={idea.id} data-testid="cluster-idea">
                <Link to={`/planner/ideas${workspaceSearch(cluster.site.id, cluster.sector.id)}&idea=${idea.id}`}>
                  {idea.title}
                </Link>
                <span className="muted">
                  {humanize(idea.contentType)} · {formatNumber(idea.estimatedWordCount)} words
                </span>
                <Badge tone={IDEA_STATUS_TONE[idea.status]}>{humanize(idea.status)}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Keywords">
        {canEdit && selected.length > 0 && (
          <BulkBar count={selected.length} singular="keyword" onClear={selection.clear}>
            {otherClusters.length > 0 && (
              <BulkChoice
                label="Move to another cluster"
                actionLabel="Move"
                options={clusterChoices(otherClusters)}
                onApply={(clusterId) =>
                  act(async () => {
                    await assign({ variables: { input: { ids: selected, clusterId } } });
                    const target = otherClusters.find((other) => other.id === clusterId);
                    return `${formatCount(selected.length, 'keyword')} moved to ${target?.name ?? 'the other cluster'}.`;
                  })
                }
              />
            )}
            <button type="button" className="button button-secondary button-small" onClick={() => setDialog('split')}>
              Split into a new cluster
            </button>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() =>
                act(async () => {
                  await assign({ variables: { input: { ids: selected, clusterId: null } } });
                  return `${formatCount(selected.length, 'keyword')} taken out of ${cluster.name}.`;
                })
              }
            >
              Remove from cluster
            </button>
          </BulkBar>
        )}
        {keywords.length === 0 ? (
          <p className="empty">This cluster has no keywords.</p>
        ) : (
          <DataTable
            dense
            label="Keywords of this cluster"
            columns={KEYWORD_COLUMNS}
            sorting={{ order, onSort: setOrder }}
            selection={rowSelection}
            rowIds={keywords.map((keyword) => keyword.id)}
            plain
          >
            {keywords.map((keyword) => (
              <tr key={keyword.id} data-testid="cluster-keyword">
                <RowCheckbox id={keyword.id} label={keyword.keyword} selection={rowSelection} />
                <td className="cell-title">{keyword.keyword}</td>
                <td className="cell-number">{keyword.volume === null ? '—' : formatNumber(keyword.volume)}</td>
                <td className="cell-number">{keyword.difficulty ?? '—'}</td>
                <td>{humanize(keyword.intent)}</td>
                <td>
                  <Badge tone={KEYWORD_STATUS_TONE[keyword.status]}>{humanize(keyword.status)}</Badge>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pager
          pages={pages}
          shown={keywords.length}
          totalCount={cluster.keywords.totalCount}
          pageInfo={cluster.keywords.pageInfo}
          noun="keywords"
        />
      </Card>
      {dialog === 'ideas' && (
        <GenerateIdeasDialog
          clusters={[cluster]}
          onClose={() => setDialog(null)}
          onStarted={(job) => {
            setDialog(null);
            setGenerating(job);
          }}
        />
      )}
      {dialog === 'split' && (
        <SplitClusterDialog clusterId={cluster.id} keywordIds={selected} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

export function ClusterDetailPage() {
  const { id = '' } = useParams();
  return <ClusterView key={id} id={id} />;
}
