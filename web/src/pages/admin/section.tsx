import { lazyPages, type Section } from '../../app/section';
import { AdminGate } from './access';

const page = lazyPages(() => import('./pages'));

/** The platform operator's pages (the developer role). */
export const adminSection: Section = {
  title: 'Admin',
  path: 'admin',
  roles: ['DEVELOPER'],
  gate: AdminGate,
  pages: [
    { path: 'credits', element: page('AdminCreditsPage'), nav: 'Account credits' },
    { path: 'credit-costs', element: page('AdminCreditCostsPage'), nav: 'Credit costs' },
    { path: 'outbox', element: page('AdminOutboxPage'), nav: 'Outbox' },
  ],
};
