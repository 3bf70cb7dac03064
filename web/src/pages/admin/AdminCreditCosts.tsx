import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useId, useState } from 'react';
import { AdminCreditCostsDocument, type CreditCostRowFragment, UpdateCreditCostDocument } from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { describeError, formValues, useFormErrors } from '../../ui/errors';
import { Field } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { Badge, Loading, PageHeader } from '../../ui/PageHeader';
import '../billing/billing.css';

const FIELDS = ['credits', 'displayName', 'isActive'] as const;
const WHOLE_NUMBER = /^\d+$/;

function CostForm({ cost }: { cost: CreditCostRowFragment }) {
  // The saved cost comes back under the same operation key and replaces the cached one.
  const [updateCost, { loading }] = useMutation(UpdateCreditCostDocument);
  const { failure, fail, clear, errorsFor, setFailure } = useFormErrors(FIELDS);
  const [saved, setSaved] = useState(false);
  const titleId = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    setSaved(false);
    const form = event.currentTarget;
    const { credits = '', displayName = '' } = formValues(form);
    const isActive = new FormData(form).get('isActive') === 'on';
    if (!WHOLE_NUMBER.test(credits)) {
      setFailure({ message: null, fields: { credits: ['must be a whole number of credits, 0 or more'] } });
      return;
    }
    try {
      await updateCost({
        variables: { input: { operation: cost.operation, credits: Number(credits), displayName, isActive } },
      });
      setSaved(true);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <article className="card" aria-labelledby={titleId} data-testid="credit-cost-editor">
      <div className="card-header">
        <div>
          <h2 className="card-title" id={titleId}>
            {cost.displayName} {!cost.isActive && <Badge tone="warning">Switched off</Badge>}
          </h2>
          <p className="card-description">
            <code>{cost.operation}</code> · per {cost.unit} · {cost.description}
          </p>
          <p className="card-description">Changed {formatDateTime(cost.updatedAt)}</p>
        </div>
      </div>
      {saved && <Banner tone="success">Saved. New jobs are priced with it from now on.</Banner>}
      <FormFailureBanner failure={failure} />
      <form className="form cost-row-form" onSubmit={submit} noValidate aria-label={`Edit ${cost.operation}`}>
        <Field
          label="Display name"
          name="displayName"
          required
          defaultValue={cost.displayName}
          errors={errorsFor('displayName')}
        />
        <Field
          label={`Credits per ${cost.unit}`}
          name="credits"
          inputMode="numeric"
          required
          defaultValue={String(cost.credits)}
          errors={errorsFor('credits')}
        />
        <label className="checkbox cost-active">
          <input type="checkbox" name="isActive" defaultChecked={cost.isActive} />
          <span>Charged (off: the operation is free)</span>
        </label>
        <button type="submit" className="button cost-save" disabled={loading}>
          {loading ? 'Saving…' : 'Save'}
        </button>
      </form>
    </article>
  );
}

export function AdminCreditCostsPage() {
  const { data, error, loading } = useQuery(AdminCreditCostsDocument);
  if (loading && !data) return <Loading />;
  if (!data) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  // By key, not name: a renamed operation stays where it was.
  const costs = [...data.creditCosts].sort((a, b) => a.operation.localeCompare(b.operation));
  return (
    <div className="page page-narrow">
      <PageHeader
        title="Credit costs"
        description="What each AI operation costs every account. A change prices jobs started after it; jobs already holding credits keep their price."
      />
      <div className="site-list">
        {costs.map((cost) => (
          <CostForm key={cost.operation} cost={cost} />
        ))}
      </div>
    </div>
  );
}
