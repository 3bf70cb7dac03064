import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useViewer } from '../../app/viewer';
import { CreditUsageDocument, type CreditUsageQuery } from '../../gql/graphql';
import { useOnJobsChanged } from '../../jobs/live';
import { Banner } from '../../ui/Banner';
import { type Column, DataTable } from '../../ui/DataTable';
import { describeError, hasErrorCode } from '../../ui/errors';
import { Fact } from '../../ui/Fact';
import { SelectField } from '../../ui/Field';
import { formatNumber } from '../../ui/format';
import { Card, Loading, PageHeader } from '../../ui/PageHeader';
import { StackedBarChart } from '../../ui/StackedBarChart';
import { daysOf, formatDay, formatShortDay, lastDays, type Period, thisMonth } from './period';
import { operationLabels, totalsByOperation } from './usage';

const PERIODS = {
  '7d': { label: 'Last 7 days', period: () => lastDays(7) },
  '30d': { label: 'Last 30 days', period: () => lastDays(30) },
  '90d': { label: 'Last 90 days', period: () => lastDays(90) },
  month: { label: 'This month', period: () => thisMonth() },
} satisfies Record<string, { label: string; period: () => Period }>;
type PeriodKey = keyof typeof PERIODS;
const DEFAULT_PERIOD: PeriodKey = '30d';
const isPeriodKey = (value: string | null): value is PeriodKey => value !== null && value in PERIODS;

const USAGE_NOTE = 'Only owners and admins can see the account’s usage.';

const ROW_COLUMNS: readonly Column[] = [
  { label: 'Day (UTC)' },
  { label: 'Operation' },
  { label: 'Credits', numeric: true },
  { label: 'Operations', numeric: true },
  { label: 'Input tokens', numeric: true },
  { label: 'Output tokens', numeric: true },
];

function UsageReport({ data, period }: { data: CreditUsageQuery; period: Period }) {
  const usage = data.creditUsage;
  const labelOf = operationLabels(data.creditCosts);
  const operations = totalsByOperation(usage.rows, labelOf);
  const days = daysOf(period);
  const byDay = new Map(usage.rows.map((row) => [`${row.day}|${row.operation}`, row.credits]));
  const busiest = days
    .map((day) => ({
      day,
      credits: usage.rows.filter((row) => row.day === day).reduce((sum, r) => sum + r.credits, 0),
    }))
    .sort((a, b) => b.credits - a.credits)[0];
  const range = `${formatDay(days[0]!)} to ${formatDay(days.at(-1)!)}`;
  const summary =
    usage.totalCredits === 0
      ? `No credits were used from ${range}.`
      : `${formatNumber(usage.totalCredits)} credits used from ${range}, most on ${formatDay(busiest!.day)} (${formatNumber(busiest!.credits)}). ` +
        operations.map((op) => `${op.label}: ${formatNumber(op.credits)}`).join('; ') +
        '. The table below lists every day and operation.';
  const rows = [...usage.rows].sort(
    (a, b) => b.day.localeCompare(a.day) || labelOf(a.operation).localeCompare(labelOf(b.operation)),
  );

  return (
    <>
      <Card title="Credits by day" description={`Per UTC day, stacked by operation, ${range}.`}>
        <StackedBarChart
          title="Credits used per day, by operation"
          summary={summary}
          categories={days.map((day) => ({ key: day, label: formatShortDay(day), longLabel: formatDay(day) }))}
          series={operations.map((op) => ({ key: op.operation, label: op.label }))}
          value={(day, operation) => byDay.get(`${day}|${operation}`) ?? 0}
          unit="credits"
          emptyText="No credits used in this period"
        />
        <dl className="facts">
          <Fact label="Credits" testId="usage-total-credits">
            {formatNumber(usage.totalCredits)}
          </Fact>
          <Fact label="Operations">{formatNumber(usage.totalCalls)}</Fact>
          <Fact label="Input tokens">{formatNumber(usage.totalInputTokens)}</Fact>
          <Fact label="Output tokens">{formatNumber(usage.totalOutputTokens)}</Fact>
        </dl>
      </Card>
      <Card title="By day and operation">
        <DataTable
          label="Usage by day and operation"
          columns={ROW_COLUMNS}
          rowIds={rows.map((row) => `${row.day}|${row.operation}`)}
          empty={<p>No credits used in this period.</p>}
          footer={
            <tr>
              <td colSpan={2}>Total</td>
              <td className="cell-number">{formatNumber(usage.totalCredits)}</td>
              <td className="cell-number">{formatNumber(usage.totalCalls)}</td>
              <td className="cell-number">{formatNumber(usage.totalInputTokens)}</td>
              <td className="cell-number">{formatNumber(usage.totalOutputTokens)}</td>
            </tr>
          }
        >
          {rows.map((row) => (
            <tr key={`${row.day}|${row.operation}`} data-testid="usage-row">
              <td className="cell-nowrap">{formatDay(row.day)}</td>
              <td>{labelOf(row.operation)}</td>
              <td className="cell-number">{formatNumber(row.credits)}</td>
              <td className="cell-number">{formatNumber(row.calls)}</td>
              <td className="cell-number">{formatNumber(row.inputTokens)}</td>
              <td className="cell-number">{formatNumber(row.outputTokens)}</td>
            </tr>
          ))}
        </DataTable>
      </Card>
    </>
  );
}

function Usage({ periodKey }: { periodKey: PeriodKey }) {
  // Fixed when the period is chosen: "today" must not move under a refetch.
  const period = useMemo(() => PERIODS[periodKey].period(), [periodKey]);
  const { data, error, loading, refetch } = useQuery(CreditUsageDocument, {
    variables: { from: period.from.toISOString(), to: period.to.toISOString() },
  });
  useOnJobsChanged(() => void refetch());
  if (loading && !data) return <Loading label="Loading usage…" />;
  if (!data) {
    if (hasErrorCode(error, 'FORBIDDEN')) return <Banner tone="info">{USAGE_NOTE}</Banner>;
    return <Banner tone="error">{describeError(error, []).message}</Banner>;
  }
  return <UsageReport data={data} period={period} />;
}

export function UsagePage() {
  const { canManage } = useViewer();
  const [params, setParams] = useSearchParams();
  const requested = params.get('period');
  const periodKey = isPeriodKey(requested) ? requested : DEFAULT_PERIOD;

  return (
    <div className="page">
      <PageHeader
        title="Usage"
        description="Credits spent per day and operation, with the tokens the AI calls used."
        actions={
          canManage && (
            <SelectField
              label="Period"
              name="period"
              value={periodKey}
              onChange={(event) => setParams({ period: event.currentTarget.value }, { replace: true })}
            >
              {Object.entries(PERIODS).map(([key, { label }]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
            </SelectField>
          )
        }
      />
      {canManage ? <Usage periodKey={periodKey} /> : <Banner tone="info">{USAGE_NOTE}</Banner>}
    </div>
  );
}
