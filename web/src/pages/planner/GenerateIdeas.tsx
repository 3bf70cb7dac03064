// Generate ideas for clusters: how many per cluster and, optionally, the Thinker author profile
// and strategy to follow, with the cost (per cluster) shown before it starts.
import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { GenerateIdeasDocument, IdeaVoicesDocument, type JobSummaryFragment } from '../../gql/graphql';
import { FormFailureBanner } from '../../ui/Banner';
import { formValues, useFormErrors } from '../../ui/errors';
import { Field, SelectField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { formatCount, wholeNumberOrNull } from '../../ui/format';
import { Modal } from '../../ui/Modal';
import { LIST_SIZE } from '../../ui/paging';
import { CreditCost } from './CreditCost';

const FIELDS = ['clusterIds', 'count', 'authorProfileId', 'strategyId'] as const;
const DEFAULT_COUNT = 3;

/** An author profile or strategy to follow, or the account's default one; nothing while there are none. */
function ThinkerChoiceField({
  label,
  name,
  hint,
  none,
  choices,
  errors,
}: {
  label: string;
  name: string;
  hint: string;
  /** The first choice: following the default. */
  none: string;
  choices: { id: string; name: string; isDefault: boolean }[];
  errors: string[] | undefined;
}) {
  if (choices.length === 0) return null;
  return (
    <SelectField
      label={label}
      name={name}
      defaultValue=""
      hint={hint}
      errors={errors}
      options={choices.map((choice) => ({
        value: choice.id,
        label: choice.isDefault ? `${choice.name} (default)` : choice.name,
      }))}
    >
      <option value="">{none}</option>
    </SelectField>
  );
}

export function GenerateIdeasDialog({
  clusters,
  onStarted,
  onClose,
}: {
  clusters: { id: string; name: string }[];
  onStarted: (job: JobSummaryFragment) => void;
  onClose: () => void;
}) {
  const [generateIdeas, starting] = useMutation(GenerateIdeasDocument);
  const { failure, fail, clear, errorsFor, setFailure } = useFormErrors(FIELDS);
  // Without the Thinker module (or its lists) the ideas simply follow the account's defaults.
  const voices = useQuery(IdeaVoicesDocument, { variables: { first: LIST_SIZE }, errorPolicy: 'ignore' });
  const profiles = voices.data?.authorProfiles?.edges.map((edge) => edge.node) ?? [];
  const strategies = voices.data?.strategies?.edges.map((edge) => edge.node) ?? [];
  const [automatic, setAutomatic] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const { count = '', authorProfileId = '', strategyId = '' } = formValues(event.currentTarget);
    const perCluster = automatic ? null : wholeNumberOrNull(count);
    if (!automatic && (perCluster === null || perCluster < 1 || perCluster > 10)) {
      setFailure({ message: null, fields: { count: ['must be a whole number from 1 to 10'] } });
      return;
    }
    try {
      const result = await generateIdeas({
        variables: {
          input: {
            clusterIds: clusters.map((cluster) => cluster.id),
            count: perCluster,
            authorProfileId: authorProfileId || null,
            strategyId: strategyId || null,
          },
        },
      });
      if (result.data) onStarted(result.data.generateIdeas);
    } catch (error) {
      fail(error);
    }
  };

  const names = clusters.map((cluster) => cluster.name);
  return (
    <Modal title="Generate ideas" onClose={onClose}>
      <form onSubmit={submit} className="form" noValidate aria-label="Generate ideas">
        <p className="muted">
          Content ideas with an outline and target keywords for{' '}
          {clusters.length === 1 ? (
            <strong>{names[0]}</strong>
          ) : (
            <>
              <strong>{formatCount(clusters.length, 'cluster')}</strong> ({names.slice(0, 3).join(', ')}
              {names.length > 3 ? ', …' : ''})
            </>
          )}
          .
        </p>
        <FormFailureBanner failure={failure} />
        <Field
          label="Ideas per cluster"
          name="count"
          type="number"
          min={1}
          max={10}
          defaultValue={DEFAULT_COUNT}
          disabled={automatic}
          errors={errorsFor('count')}
        />
        <label className="checkbox">
          <input type="checkbox" checked={automatic} onChange={(event) => setAutomatic(event.currentTarget.checked)} />
          <span>Let the AI choose (3 to 5, by the cluster's size)</span>
        </label>
        <ThinkerChoiceField
          label="Author profile"
          name="authorProfileId"
          hint="The voice the ideas are pitched in."
          none="The default profile"
          choices={profiles}
          errors={errorsFor('authorProfileId')}
        />
        <ThinkerChoiceField
          label="Strategy"
          name="strategyId"
          hint="The content types and lengths the ideas follow."
          none="The default strategy"
          choices={strategies}
          errors={errorsFor('strategyId')}
        />
        <CreditCost
          operation="idea_generation"
          units={clusters.length}
          detail={`for ${formatCount(clusters.length, 'cluster')}, however many ideas each`}
        />
        <FormActions busy={starting.loading} busyLabel="Starting…" onCancel={onClose}>
          Generate ideas
        </FormActions>
      </form>
    </Modal>
  );
}
