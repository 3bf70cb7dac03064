import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useViewer } from '../../app/viewer';
import { BillingOverviewActivityDocument, BillingOverviewDocument } from '../../gql/graphql';
import { useOnJobsChanged } from '../../jobs/live';
import { Banner } from '../../ui/Banner';
import { CopyButton } from '../../ui/CopyButton';
import { type Column, DataTable } from '../../ui/DataTable';
import { describeError, hasErrorCode } from '../../ui/errors';
import { formatCount, formatDate, formatNumber } from '../../ui/format';
import { Card, Loading, PageHeader } from '../../ui/PageHeader';
import { BalanceFacts, HOW_CREDITS_WORK } from './BalanceFacts';
import { thisMonth } from './period';
import { LEDGER_NOTE, TransactionTable } from './TransactionTable';
import { operationLabels, totalsByOperation } from './usage';

/** The last transactions and this month's usage: owners and admins only. */
const OPERATION_COLUMNS: readonly Column[] = [
  { label: 'Operation' },
  { label: 'Operations', numeric: true },
  { label: 'Credits', numeric: true },
];

function Activity({ labelOf }: { labelOf: (operation: string) => string }) {
  const month = useMemo(() => thisMonth(), []);
  const { data, error, loading, refetch } = useQuery(BillingOverviewActivityDocument, {
    variables: { from: month.from.toISOString(), to: month.to.toISOString() },
  });
  useOnJobsChanged(() => void refetch());

  if (loading && !data) return <Loading />;
  if (!data) {
    if (hasErrorCode(error, 'FORBIDDEN')) return <Banner tone="info">{LEDGER_NOTE}</Banner>;
    return <Banner tone="error">{describeError(error, []).message}</Banner>;
  }
  const transactions = data.creditTransactions.edges.map((edge) => edge.node);
  const usage = data.creditUsage;
  const byOperation = totalsByOperation(usage.rows, labelOf);

  return (
    <>
      <Card
        title="Recent transactions"
        actions={
          <Link className="button button-secondary button-small" to="/billing/transactions">
            All transactions
          </Link>
        }
      >
        {transactions.length === 0 ? (
          <p className="empty">No transactions yet.</p>
        ) : (
          <TransactionTable transactions={transactions} />
        )}
      </Card>
      <Card
        title="Usage this month"
        description={`${formatCount(usage.totalCredits, 'credit')} over ${formatCount(usage.totalCalls, 'operation')} since ${formatDate(month.from.toISOString())}.`}
        actions={
          <Link className="button button-secondary button-small" to="/billing/usage">
            Usage by day
          </Link>
        }
      >
        <DataTable
          label="Credits used this month by operation"
          columns={OPERATION_COLUMNS}
          rowIds={byOperation.map((total) => total.operation)}
          empty={<p>No credits used this month.</p>}
        >
          {byOperation.map((total) => (
            <tr key={total.operation}>
              <td>{total.label}</td>
              <td className="cell-number">{formatNumber(total.calls)}</td>
              <td className="cell-number">{formatNumber(total.credits)}</td>
            </tr>
          ))}
        </DataTable>
      </Card>
    </>
  );
}

export function BillingOverviewPage() {
  const { canManage } = useViewer();
  const { data, error, loading, refetch } = useQuery(BillingOverviewDocument);
  useOnJobsChanged(() => void refetch());
  const labelOf = useMemo(() => operationLabels(data?.creditCosts ?? []), [data?.creditCosts]);

  if (loading && !data) return <Loading />;
  if (!data) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  const { creditBalance, account } = data;
  const renewal = account.subscription?.currentPeriodEnd;

  return (
    <div className="page">
      <PageHeader title="Billing" description="Your credits, where they went and what this month used." />
      <Card
        title="Credits"
        description={HOW_CREDITS_WORK}
        actions={
          <Link className="button button-secondary button-small" to="/billing/credits">
            What operations cost
          </Link>
        }
      >
        <BalanceFacts balance={creditBalance} />
        <p className="muted">
          The {account.plan.name} plan includes {formatNumber(account.plan.includedCredits)} credits
          {renewal ? `; they reset on ${formatDate(renewal)}.` : '.'}
        </p>
        {/* What IGNY8 support looks the account up by. */}
        <p className="account-id">
          Account ID <code>{account.id}</code> <CopyButton text={account.id} label="Copy ID" />
        </p>
      </Card>
      {canManage ? <Activity labelOf={labelOf} /> : <Banner tone="info">{LEDGER_NOTE}</Banner>}
    </div>
  );
}
