// What an AI operation will cost, shown before it starts, beside the credits the account has.
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PlannerCostDocument } from '../../gql/graphql';
import { Banner } from '../../ui/Banner';
import { describeError } from '../../ui/errors';
import { formatNumber } from '../../ui/format';

export function CreditCost({
  operation,
  units,
  detail,
}: {
  /** A billing operation (CreditCost.operation): `clustering`, `idea_generation`. */
  operation: string;
  units: number;
  /** How the cost is counted, e.g. "15 per cluster". */
  detail?: ReactNode;
}) {
  const { data, error } = useQuery(PlannerCostDocument, {
    variables: { operation, units },
    fetchPolicy: 'cache-and-network',
  });
  if (!data) {
    return error ? (
      <Banner tone="warning">The cost could not be loaded: {describeError(error, []).message}</Banner>
    ) : (
      <p className="planner-cost muted">Working out the cost…</p>
    );
  }
  const cost = data.estimateCredits;
  const available = data.creditBalance.available;
  return (
    <>
      <p className="planner-cost" data-testid="planner-cost">
        Costs <strong>{formatNumber(cost)} credits</strong>
        {detail && <> ({detail})</>} · <span>{formatNumber(available)}</span> credits available
      </p>
      {available < cost && (
        <Banner tone="warning">
          This account has fewer credits than this costs. <Link to="/billing/credits">Add credits</Link> first.
        </Banner>
      )}
    </>
  );
}
