// Ledger entries as a table: newest first, amounts signed, the balance each one left; a job's
// charge links to the job and says what it made.
import { Link } from 'react-router';
import type { CreditTransactionRowFragment, CreditTransactionType } from '../../gql/graphql';
import { jobPath } from '../../jobs/job-state';
import { type Column, DataTable } from '../../ui/DataTable';
import { formatDateTime, formatNumber, formatSigned, humanize } from '../../ui/format';
import { Badge } from '../../ui/PageHeader';
import './billing.css';

const TYPE_TONE: Record<CreditTransactionType, 'neutral' | 'success' | 'warning' | 'accent'> = {
  SUBSCRIPTION: 'accent',
  PURCHASE: 'success',
  DEDUCTION: 'neutral',
  REFUND: 'success',
  ADJUSTMENT: 'warning',
};

export const TRANSACTION_TYPES = Object.keys(TYPE_TONE) as CreditTransactionType[];

export const LEDGER_NOTE = 'Only owners and admins can see the ledger.';

const COLUMNS: readonly Column[] = [
  { label: 'Date' },
  { label: 'Type' },
  { label: 'Description' },
  { label: 'Amount', numeric: true },
  { label: 'Balance after', numeric: true },
];

export function TransactionTable({ transactions }: { transactions: CreditTransactionRowFragment[] }) {
  return (
    <DataTable label="Credit transactions" columns={COLUMNS} rowIds={transactions.map((entry) => entry.id)}>
      {transactions.map((entry) => (
        <tr key={entry.id} data-testid="transaction-row">
          <td className="muted cell-nowrap">{formatDateTime(entry.createdAt)}</td>
          <td>
            <Badge tone={TYPE_TONE[entry.type]}>{humanize(entry.type)}</Badge>
          </td>
          <td>
            {entry.job ? <Link to={jobPath(entry.job.id)}>{entry.description}</Link> : entry.description}
            {entry.job?.resultSummary && <div className="muted">{entry.job.resultSummary}</div>}
            {entry.referenceId && !entry.job && (
              <div className="muted cell-reference">
                Reference <code>{entry.referenceId}</code>
              </div>
            )}
          </td>
          <td className={entry.amount < 0 ? 'cell-number amount-negative' : 'cell-number amount-positive'}>
            {formatSigned(entry.amount)}
          </td>
          <td className="cell-number">{formatNumber(entry.balanceAfter)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
