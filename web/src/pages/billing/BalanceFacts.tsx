// The account's credits at a glance: available to new jobs, the two pools, and what jobs hold.
import type { CreditBalancePartsFragment } from '../../gql/graphql';
import { formatNumber } from '../../ui/format';
import './billing.css';

export function BalanceFacts({ balance }: { balance: CreditBalancePartsFragment }) {
  return (
    <dl className="facts balance-facts" data-testid="balance-facts">
      <div className="balance-fact-main">
        <dt>Available</dt>
        <dd>
          <span className="balance-big">{formatNumber(balance.available)}</span> credits
        </dd>
      </div>
      <div>
        <dt>Balance</dt>
        <dd>{formatNumber(balance.balance)}</dd>
      </div>
      <div>
        <dt>Reserved by jobs</dt>
        <dd>{formatNumber(balance.reserved)}</dd>
      </div>
      <div>
        <dt>Plan credits</dt>
        <dd>{formatNumber(balance.planCredits)}</dd>
      </div>
      <div>
        <dt>Bonus credits</dt>
        <dd>{formatNumber(balance.bonusCredits)}</dd>
      </div>
    </dl>
  );
}

export const HOW_CREDITS_WORK =
  'A job holds its credits while it is queued or running and is charged when it succeeds; a failed or cancelled job gives them back. Plan credits are used first and reset at each renewal; bonus credits never expire.';
