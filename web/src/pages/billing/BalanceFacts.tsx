// The account's credits at a glance: available to new jobs, the two pools, and what jobs hold.
import type { CreditBalancePartsFragment } from '../../gql/graphql';
import { Fact } from '../../ui/Fact';
import { formatNumber } from '../../ui/format';
import './billing.css';

export function BalanceFacts({ balance }: { balance: CreditBalancePartsFragment }) {
  return (
    <dl className="facts balance-facts" data-testid="balance-facts">
      <Fact label="Available" className="balance-fact-main">
        <span className="balance-big">{formatNumber(balance.available)}</span> credits
      </Fact>
      <Fact label="Balance">{formatNumber(balance.balance)}</Fact>
      <Fact label="Reserved by jobs">{formatNumber(balance.reserved)}</Fact>
      <Fact label="Plan credits">{formatNumber(balance.planCredits)}</Fact>
      <Fact label="Bonus credits">{formatNumber(balance.bonusCredits)}</Fact>
    </dl>
  );
}

export const HOW_CREDITS_WORK =
  'A job holds its credits while it is queued or running and is charged when it succeeds; a failed or cancelled job gives them back. Plan credits are used first and reset at each renewal; bonus credits never expire.';
