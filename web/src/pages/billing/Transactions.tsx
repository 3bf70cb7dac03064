import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useViewer } from '../../app/viewer';
import { type CreditTransactionType, CreditTransactionsDocument } from '../../gql/graphql';
import { useOnJobsChanged } from '../../jobs/live';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { describeError, hasErrorCode } from '../../ui/errors';
import { Field, SelectField } from '../../ui/Field';
import { formatNumber, humanize } from '../../ui/format';
import { Card, Loading, PageHeader } from '../../ui/PageHeader';
import { localDayStart } from './period';
import { LEDGER_NOTE, TRANSACTION_TYPES, TransactionTable } from './TransactionTable';

const PAGE_SIZE = 20;

interface Filters {
  type: CreditTransactionType | null;
  /** Date inputs' values (YYYY-MM-DD), both days included; '' when unset. */
  from: string;
  to: string;
}

const isTransactionType = (value: string | null): value is CreditTransactionType =>
  TRANSACTION_TYPES.some((type) => type === value);

/** One filtered view of the ledger, paged forward by cursor and back through the cursors seen. */
function Ledger({ filters }: { filters: Filters }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const from = localDayStart(filters.from);
  const to = localDayStart(filters.to, true);
  const backwards = !!from && !!to && from >= to;
  const { data, error, loading, refetch } = useQuery(CreditTransactionsDocument, {
    variables: {
      type: filters.type,
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      first: PAGE_SIZE,
      after: cursors.at(-1) ?? null,
    },
    skip: backwards,
  });
  useOnJobsChanged(() => void refetch());

  if (backwards) return <Banner tone="error">The end date must not be before the start date.</Banner>;
  if (loading && !data) return <Loading label="Loading transactions…" />;
  if (!data) {
    if (hasErrorCode(error, 'FORBIDDEN')) return <Banner tone="info">{LEDGER_NOTE}</Banner>;
    return <FormFailureBanner failure={describeError(error, [])} />;
  }

  const { totalCount, pageInfo, edges } = data.creditTransactions;
  const offset = (cursors.length - 1) * PAGE_SIZE;
  const filtered = filters.type || filters.from || filters.to;
  if (totalCount === 0) {
    return (
      <div className="empty-state">
        <p className="empty-title">No transactions{filtered ? ' match these filters' : ' yet'}.</p>
        {filtered && <p>Clear a filter to see more.</p>}
      </div>
    );
  }
  return (
    <Card title="Entries">
      <TransactionTable transactions={edges.map((edge) => edge.node)} />
      <div className="pager">
        <span className="muted" data-testid="transactions-range">
          {formatNumber(offset + 1)}–{formatNumber(offset + edges.length)} of {formatNumber(totalCount)}
        </span>
        <div className="pager-buttons">
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={cursors.length === 1}
            onClick={() => setCursors((seen) => seen.slice(0, -1))}
          >
            Newer
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={!pageInfo.hasNextPage || !pageInfo.endCursor}
            onClick={() => setCursors((seen) => [...seen, pageInfo.endCursor ?? null])}
          >
            Older
          </button>
        </div>
      </div>
    </Card>
  );
}

function FilterBar({
  filters,
  onChange,
}: {
  filters: Filters;
  onChange: (name: keyof Filters, value: string) => void;
}) {
  return (
    <form className="filters" aria-label="Filter transactions" onSubmit={(event) => event.preventDefault()}>
      <SelectField
        label="Type"
        name="type"
        value={filters.type ?? ''}
        onChange={(event) => onChange('type', event.currentTarget.value)}
      >
        <option value="">All types</option>
        {TRANSACTION_TYPES.map((type) => (
          <option key={type} value={type}>
            {humanize(type)}
          </option>
        ))}
      </SelectField>
      <Field
        label="From"
        name="from"
        type="date"
        value={filters.from}
        max={filters.to || undefined}
        onChange={(event) => onChange('from', event.currentTarget.value)}
      />
      <Field
        label="To"
        name="to"
        type="date"
        value={filters.to}
        min={filters.from || undefined}
        onChange={(event) => onChange('to', event.currentTarget.value)}
      />
    </form>
  );
}

export function TransactionsPage() {
  const { canManage } = useViewer();
  const [params, setParams] = useSearchParams();
  const type = params.get('type');
  const filters: Filters = {
    type: isTransactionType(type) ? type : null,
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const change = (name: keyof Filters, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="page">
      <PageHeader
        title="Transactions"
        description="The credit ledger: every credit added or charged, newest first. Dates are in your time zone."
      />
      {canManage ? (
        <>
          <FilterBar filters={filters} onChange={change} />
          {/* A new filter starts again from the first page. */}
          <Ledger key={`${filters.type}|${filters.from}|${filters.to}`} filters={filters} />
        </>
      ) : (
        <Banner tone="info">{LEDGER_NOTE}</Banner>
      )}
    </div>
  );
}
