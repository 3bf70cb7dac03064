import { useQuery } from '@apollo/client/react';
import { CreditCostsDocument } from '../../gql/graphql';
import { useOnJobsChanged } from '../../jobs/live';
import { Banner } from '../../ui/Banner';
import { type Column, DataTable } from '../../ui/DataTable';
import { describeError } from '../../ui/errors';
import { formatNumber } from '../../ui/format';
import { Badge, Card, Loading, PageHeader } from '../../ui/PageHeader';
import { BalanceFacts, HOW_CREDITS_WORK } from './BalanceFacts';

const COST_COLUMNS: readonly Column[] = [{ label: 'Operation' }, { label: 'Credits', numeric: true }, { label: 'Per' }];

export function CreditsPage() {
  const { data, error, loading, refetch } = useQuery(CreditCostsDocument);
  useOnJobsChanged(() => void refetch());

  if (loading && !data) return <Loading />;
  if (!data) return <Banner tone="error">{describeError(error, []).message}</Banner>;
  const costs = [...data.creditCosts].sort((a, b) => a.displayName.localeCompare(b.displayName));

  return (
    <div className="page">
      <PageHeader
        title="Credits"
        description="Every AI operation is paid in credits. This is what you have and what each one costs."
      />
      <Card title="Your credits" description={HOW_CREDITS_WORK}>
        <BalanceFacts balance={data.creditBalance} />
      </Card>
      <Card title="What operations cost" description="The price is shown again before you start an operation.">
        <DataTable label="Credit costs" columns={COST_COLUMNS} rowIds={costs.map((cost) => cost.operation)}>
          {costs.map((cost) => (
            <tr key={cost.operation} data-testid="credit-cost-row">
              <td>
                <div className="cell-title">
                  {cost.displayName} {!cost.isActive && <Badge>Free for now</Badge>}
                </div>
                <div className="muted">{cost.description}</div>
              </td>
              <td className="cell-number">{cost.isActive ? formatNumber(cost.credits) : '0'}</td>
              <td>{cost.unit}</td>
            </tr>
          ))}
        </DataTable>
      </Card>
    </div>
  );
}
