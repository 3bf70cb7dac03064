// Keywords → Auto-cluster: which keywords and how finely, with the cost shown before it starts.
import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  type ClusterGranularity,
  ClusteringPreviewDocument,
  ClusterKeywordsDocument,
  type JobSummaryFragment,
  PlannerKeywordCountDocument,
} from '../../gql/graphql';
import { FormFailureBanner } from '../../ui/Banner';
import { useFormErrors } from '../../ui/errors';
import { FormActions } from '../../ui/FormActions';
import { formatCount, formatNumber } from '../../ui/format';
import { Modal } from '../../ui/Modal';
import { RadioGroup, type RadioOption } from '../../ui/RadioGroup';
import { CreditCost } from './CreditCost';
import type { Workspace } from './workspace';

const FIELDS = ['keywordIds', 'granularity'] as const;

const choice = (label: string, hint: string) => (
  <>
    {label} <span className="muted">— {hint}</span>
  </>
);

const GRANULARITIES: RadioOption<ClusterGranularity>[] = [
  { value: 'TIGHT', label: choice('Tight', 'many small, close-knit clusters') },
  { value: 'BALANCED', label: choice('Balanced', 'the usual choice') },
  { value: 'BROAD', label: choice('Broad', 'fewer, wider topics') },
];

export function AutoClusterDialog({
  workspace,
  selectedIds,
  onStarted,
  onClose,
}: {
  workspace: Workspace;
  /** Keywords ticked in the table: offered as the scope when there are some. */
  selectedIds: string[];
  onStarted: (job: JobSummaryFragment) => void;
  onClose: () => void;
}) {
  const place = { siteId: workspace.site.id, sectorId: workspace.sector.id };
  const [scope, setScope] = useState<'selected' | 'unclustered'>(selectedIds.length ? 'selected' : 'unclustered');
  const [granularity, setGranularity] = useState<ClusterGranularity>('BALANCED');
  const [clusterKeywords, starting] = useMutation(ClusterKeywordsDocument);
  const { failure, fail, clear } = useFormErrors(FIELDS);
  // The job takes the sector's new keywords that are in no cluster.
  const { data } = useQuery(PlannerKeywordCountDocument, {
    variables: { filter: { ...place, unclustered: true, status: ['NEW'] } },
    fetchPolicy: 'network-only',
  });
  const unclustered = data?.keywords.totalCount;
  // Picked keywords may sit in clusters already: the person hears they will move before paying.
  const preview = useQuery(ClusteringPreviewDocument, {
    variables: { input: { ...place, keywordIds: selectedIds } },
    skip: scope !== 'selected' || selectedIds.length === 0,
    fetchPolicy: 'network-only',
  });
  const moving = scope === 'selected' ? (preview.data?.clusteringPreview.inClusters ?? 0) : 0;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    try {
      const result = await clusterKeywords({
        variables: {
          input: { ...place, granularity, keywordIds: scope === 'selected' ? selectedIds : null },
        },
      });
      if (result.data) onStarted(result.data.clusterKeywords);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Modal title="Auto-cluster keywords" onClose={onClose}>
      <form onSubmit={submit} className="form" noValidate aria-label="Auto-cluster keywords">
        <p className="muted">
          Groups keywords of <strong>{workspace.sector.name}</strong> that one page can serve, never mixing search
          intents. The AI names each cluster.
        </p>
        <FormFailureBanner failure={failure} />
        <RadioGroup
          legend="Keywords"
          name="scope"
          value={scope}
          onChange={setScope}
          options={[
            {
              value: 'selected',
              label: `The selected keywords${selectedIds.length ? ` (${formatCount(selectedIds.length, 'keyword')})` : ''}`,
              disabled: selectedIds.length === 0,
            },
            {
              value: 'unclustered',
              label: `All new keywords in no cluster${unclustered === undefined ? '' : ` (${formatCount(unclustered, 'keyword')})`}`,
            },
          ]}
        />
        <RadioGroup
          legend="Granularity"
          name="granularity"
          value={granularity}
          onChange={setGranularity}
          options={GRANULARITIES}
        />
        {moving > 0 && (
          <p data-testid="clustering-moves">
            <strong>
              {formatNumber(moving)} of these keywords {moving === 1 ? 'is in a cluster' : 'are in clusters'}
            </strong>
            : {moving === 1 ? 'it' : 'they'} will move to the new clusters. A cluster left with no keywords is removed,
            unless it has ideas: then it stays, empty.
          </p>
        )}
        <CreditCost operation="clustering" units={1} detail="one clustering request, however many keywords" />
        <FormActions
          busy={starting.loading}
          busyLabel="Starting…"
          onCancel={onClose}
          disabled={scope === 'unclustered' && unclustered === 0}
        >
          Start clustering
        </FormActions>
      </form>
    </Modal>
  );
}
