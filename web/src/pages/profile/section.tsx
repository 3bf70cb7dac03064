import { lazyPages, type Section } from '../../app/section';

const page = lazyPages(() => import('./pages'));

export const profileSection: Section = {
  title: 'Profile',
  path: 'profile',
  pages: [{ path: '', element: page('ProfilePage'), nav: 'Your profile' }],
};
