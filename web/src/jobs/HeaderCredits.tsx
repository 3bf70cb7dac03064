// The header's credit balance: what a new job can use, read again whenever a job changes status.
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { HeaderCreditsDocument } from '../gql/graphql';
import { formatNumber } from '../ui/format';
import { useOnJobsChanged } from './live';
import './jobs.css';

export function HeaderCredits() {
  const { data, refetch } = useQuery(HeaderCreditsDocument);
  useOnJobsChanged(() => void refetch());
  if (!data) return null;
  const { available, balance, reserved } = data.creditBalance;
  return (
    <Link
      to="/billing/credits"
      className="header-credits"
      data-testid="credit-balance"
      title={`Balance ${formatNumber(balance)} credits, ${formatNumber(reserved)} reserved by running jobs`}
    >
      <span className="header-credits-value">{formatNumber(available)}</span> credits
    </Link>
  );
}
