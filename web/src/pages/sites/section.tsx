import { lazyPages, type Section } from '../../app/section';

const page = lazyPages(() => import('./pages'));

export const sitesSection: Section = {
  title: 'Sites',
  path: 'sites',
  pages: [{ path: '', element: page('SitesPage'), nav: 'Sites & sectors' }],
};
