import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { useViewer } from '../../app/viewer';
import { CreditTransactionsDocument, type CreditTransactionType } from '../../gql/graphql';
import { useOnJobsChanged } from '../../jobs/live';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { describeError, hasErrorCode } from '../../ui/errors';
import { Field, SelectField } from '../../ui/Field';
import { humanize } from '../../ui/format';
import { Card, Loading, PageHeader } from '../../ui/PageHeader';
import { Pager } from '../../ui/Pager';
import { useCursorPages } from '../../ui/paging';
import { localDayStart } from './period';
import { LEDGER_NOTE, TRANSACTION_TYPES, TransactionTable } from './TransactionTable';

interface Filters {
  type: CreditTransactionType | null;
  /** Date inputs' values (YYYY-MM-DD), both days included; '' when unset. */
  from: string;
  to: string;
}

const isTransactionType = (value: string | null): value is CreditTransactionType =>
  TRANSACTION_TYPES.some((type) => type === value);

/** One filtered view of the ledger, paged by cursor. */
function Ledger({ filters }: { filters: Filters }) {
  const pages = useCursorPages(JSON.stringify(filters));
  const from = localDayStart(filters.from);
  const to = localDayStart(filters.to, true);
  const backwards = !!from && !!to && from >= to;
  const { data, error, loading, refetch } = useQuery(CreditTransactionsDocument, {
    variables: {
      type: filters.type,
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      first: pages.first,
      after: pages.after,
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
      <Pager
        pages={pages}
        shown={edges.length}
        totalCount={totalCount}
        pageInfo={pageInfo}
        noun="entries"
        // Newest first: back is newer.
        previousLabel="Newer"
        nextLabel="Older"
      />
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
