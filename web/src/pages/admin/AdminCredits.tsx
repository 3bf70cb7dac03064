import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { AdjustCreditsDocument, AdminCreditBalanceDocument } from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { describeError, formValues, useFormErrors } from '../../ui/errors';
import { Field, TextAreaField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { formatNumber, formatSigned } from '../../ui/format';
import { Card, PageHeader } from '../../ui/PageHeader';
import { BalanceFacts } from '../billing/BalanceFacts';

const LOOKUP_FIELDS = ['accountId'] as const;
const ADJUST_FIELDS = ['amount', 'reason'] as const;
const WHOLE_NUMBER = /^[-+]?\d+$/;

function AdjustForm({ accountId }: { accountId: string }) {
  const [adjustCredits, { loading }] = useMutation(AdjustCreditsDocument, {
    refetchQueries: [AdminCreditBalanceDocument],
    awaitRefetchQueries: true,
  });
  const { failure, fail, clear, errorsFor, setFailure } = useFormErrors(ADJUST_FIELDS);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    setDone(null);
    const form = event.currentTarget;
    const { amount = '', reason = '' } = formValues(form);
    if (!WHOLE_NUMBER.test(amount)) {
      setFailure({
        message: null,
        fields: { amount: ['must be a whole number of credits: positive adds, negative removes'] },
      });
      return;
    }
    try {
      const { data } = await adjustCredits({ variables: { input: { accountId, amount: Number(amount), reason } } });
      if (!data) return;
      const entry = data.adjustCredits;
      setDone(
        `${formatSigned(entry.amount)} credits recorded; the balance is now ${formatNumber(entry.balanceAfter)}.`,
      );
      form.reset();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Card
      title="Adjust credits"
      description="Adding puts credits in the bonus pool (they never expire); removing takes bonus credits first, never below zero and never what running jobs hold."
    >
      {done && <Banner tone="success">{done}</Banner>}
      <FormFailureBanner failure={failure} />
      <form className="form" onSubmit={submit} noValidate aria-label="Adjust credits">
        <Field
          label="Amount"
          name="amount"
          inputMode="numeric"
          required
          placeholder="e.g. 500 or -50"
          hint="Positive adds credits, negative removes them."
          errors={errorsFor('amount')}
        />
        <TextAreaField
          label="Reason"
          name="reason"
          rows={2}
          required
          hint="Kept in the account’s ledger, where its owners and admins read it."
          errors={errorsFor('reason')}
        />
        <FormActions busy={loading} busyLabel="Saving…">
          Record adjustment
        </FormActions>
      </form>
    </Card>
  );
}

export function AdminCreditsPage() {
  const [accountId, setAccountId] = useState<string | null>(null);
  const { data, error, loading } = useQuery(AdminCreditBalanceDocument, {
    variables: { accountId: accountId ?? '' },
    skip: !accountId,
  });
  const [missing, setMissing] = useState(false);
  // The server's verdict on the id (malformed, no such account) is shown beside the field.
  const lookupFailure = missing
    ? { message: null, fields: { accountId: ['is required'] } }
    : error && accountId
      ? describeError(error, LOOKUP_FIELDS)
      : null;

  const lookUp = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { accountId: id = '' } = formValues(event.currentTarget);
    setMissing(!id);
    setAccountId(id || null);
  };

  return (
    <div className="page page-narrow">
      <PageHeader
        title="Account credits"
        description="Look up any account’s credits by its ID (owners find it under Billing → Overview) and add or remove credits with a reason."
      />
      <Card>
        <form className="form form-inline" onSubmit={lookUp} noValidate aria-label="Look up an account">
          <Field
            label="Account ID"
            name="accountId"
            required
            spellCheck={false}
            placeholder="e.g. 0192f1c4-…"
            style={{ minWidth: '24rem', fontFamily: 'var(--font-mono)' }}
            errors={lookupFailure?.fields.accountId}
          />
          <button type="submit" className="button" disabled={loading}>
            {loading ? 'Looking up…' : 'Look up'}
          </button>
        </form>
        <FormFailureBanner failure={lookupFailure} />
      </Card>
      {accountId && data && (
        <>
          <Card title="Credits of the account" description={<code>{accountId}</code>}>
            <BalanceFacts balance={data.adminCreditBalance} />
          </Card>
          <AdjustForm key={accountId} accountId={accountId} />
        </>
      )}
    </div>
  );
}
