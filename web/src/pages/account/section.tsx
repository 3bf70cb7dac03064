import { lazyPages, type Section } from '../../app/section';

const page = lazyPages(() => import('./pages'));

export const accountSection: Section = {
  title: 'Account',
  path: 'account',
  pages: [
    { path: 'settings', element: page('SettingsPage'), nav: 'Settings' },
    { path: 'team', element: page('TeamPage'), nav: 'Team' },
    { path: 'api-keys', element: page('ApiKeysPage'), nav: 'API keys' },
    { path: 'modules', element: page('ModulesPage'), nav: 'Modules' },
  ],
};
