// Clusters → New cluster: one made by hand in the current sector; keywords join it from its page
// or from the Keywords table.
import { useMutation } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { CreateClusterDocument } from '../../gql/graphql';
import { FormFailureBanner } from '../../ui/Banner';
import { formValues, useFormErrors } from '../../ui/errors';
import { Field, TextAreaField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { Modal } from '../../ui/Modal';

const FIELDS = ['name', 'description'] as const;

export function NewClusterDialog({
  place,
  onClose,
}: {
  place: { siteId: string; sectorId: string };
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const [create, creating] = useMutation(CreateClusterDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const { name = '', description = '' } = formValues(event.currentTarget);
    try {
      const result = await create({ variables: { input: { ...place, name, description } } });
      if (result.data) navigate(`/planner/clusters/${result.data.createCluster.id}`);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Modal title="New cluster" onClose={onClose}>
      <form onSubmit={submit} className="form" noValidate aria-label="New cluster">
        <FormFailureBanner failure={failure} />
        <Field label="Name" name="name" required autoFocus errors={errorsFor('name')} />
        <TextAreaField label="Description" name="description" rows={2} errors={errorsFor('description')} />
        <FormActions busy={creating.loading} busyLabel="Creating…" onCancel={onClose}>
          Create
        </FormActions>
      </form>
    </Modal>
  );
}
