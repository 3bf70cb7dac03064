// Clusters → Merge: the ticked clusters become one; the user picks which one stays.
import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { type ClusterRowFragment, MergeClustersDocument, PlannerClustersDocument } from '../../gql/graphql';
import { FormFailureBanner } from '../../ui/Banner';
import { useFormErrors } from '../../ui/errors';
import { FormActions } from '../../ui/FormActions';
import { formatCount, formatNumber } from '../../ui/format';
import { Modal } from '../../ui/Modal';
import { RadioGroup } from '../../ui/RadioGroup';

const FIELDS = ['targetId', 'clusterIds'] as const;

export function MergeClustersDialog({
  clusters,
  onMerged,
  onClose,
}: {
  /** Two or more, the first (highest volume, as listed) proposed to stay. */
  clusters: ClusterRowFragment[];
  onMerged: (target: ClusterRowFragment) => void;
  onClose: () => void;
}) {
  const [targetId, setTargetId] = useState(clusters[0]?.id ?? '');
  const [merge, merging] = useMutation(MergeClustersDocument, { refetchQueries: [PlannerClustersDocument] });
  const { failure, fail, clear } = useFormErrors(FIELDS);
  const keywords = clusters.reduce((sum, cluster) => sum + cluster.keywordsCount, 0);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    try {
      const result = await merge({
        variables: {
          input: { targetId, clusterIds: clusters.filter((c) => c.id !== targetId).map((c) => c.id) },
        },
      });
      if (result.data) onMerged(result.data.mergeClusters);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Modal title="Merge clusters" onClose={onClose}>
      <form onSubmit={submit} className="form" noValidate aria-label="Merge clusters">
        <p className="muted">
          The {formatCount(keywords, 'keyword')} and the ideas of these clusters go into the one you keep; the others
          are deleted.
        </p>
        <FormFailureBanner failure={failure} />
        <RadioGroup
          legend="Keep"
          name="targetId"
          value={targetId}
          onChange={setTargetId}
          options={clusters.map((cluster) => ({
            value: cluster.id,
            label: (
              <>
                {cluster.name}{' '}
                <span className="muted">
                  {formatCount(cluster.keywordsCount, 'keyword')} · {formatNumber(cluster.totalVolume)} searches
                </span>
              </>
            ),
          }))}
        />
        <FormActions
          busy={merging.loading}
          busyLabel="Merging…"
          onCancel={onClose}
        >{`Merge ${formatCount(clusters.length, 'cluster')}`}</FormActions>
      </form>
    </Modal>
  );
}
