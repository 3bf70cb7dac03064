// Cluster → Split: the ticked keywords leave for a new cluster of the same sector.
import { useMutation } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { SplitClusterDocument } from '../../gql/graphql';
import { FormFailureBanner } from '../../ui/Banner';
import { formValues, useFormErrors } from '../../ui/errors';
import { Field, TextAreaField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { formatCount } from '../../ui/format';
import { Modal } from '../../ui/Modal';

const FIELDS = ['name', 'description', 'keywordIds'] as const;

export function SplitClusterDialog({
  clusterId,
  keywordIds,
  onClose,
}: {
  clusterId: string;
  keywordIds: string[];
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const [split, splitting] = useMutation(SplitClusterDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const { name = '', description = '' } = formValues(event.currentTarget);
    try {
      const result = await split({ variables: { input: { id: clusterId, keywordIds, name, description } } });
      if (result.data) navigate(`/planner/clusters/${result.data.splitCluster.id}`);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Modal title="Split into a new cluster" onClose={onClose}>
      <form onSubmit={submit} className="form" noValidate aria-label="Split into a new cluster">
        <p className="muted">The {formatCount(keywordIds.length, 'selected keyword')} move to a new cluster.</p>
        <FormFailureBanner failure={failure} />
        <Field label="New cluster name" name="name" required autoFocus errors={errorsFor('name')} />
        <TextAreaField label="Description" name="description" rows={2} errors={errorsFor('description')} />
        <FormActions busy={splitting.loading} busyLabel="Splitting…" onCancel={onClose}>
          Split
        </FormActions>
      </form>
    </Modal>
  );
}
