import { lazyPages, type Section } from '../../app/section';

const page = lazyPages(() => import('./pages'));

export const billingSection: Section = {
  title: 'Billing',
  path: 'billing',
  pages: [
    { path: 'overview', element: page('BillingOverviewPage'), nav: 'Overview' },
    { path: 'credits', element: page('CreditsPage'), nav: 'Credits' },
    { path: 'transactions', element: page('TransactionsPage'), nav: 'Transactions' },
    { path: 'usage', element: page('UsagePage'), nav: 'Usage' },
    // Reached from a credit transaction or the jobs tray.
    { path: 'jobs/:id', element: page('JobPage') },
  ],
};
