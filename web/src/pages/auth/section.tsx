// The pages outside the signed-in frame: signing in and up (guests only), and the links sent by
// mail, which work whether or not someone is signed in.
import type { RouteObject } from 'react-router';
import { GuestOnly } from '../../app/guards';
import { lazyPages, SectionLoading } from '../../app/section';

const page = lazyPages(() => import('./pages'));

export const authRoutes: RouteObject[] = [
  { path: '/login', element: <GuestOnly>{page('LoginPage')}</GuestOnly> },
  { path: '/register', element: <GuestOnly>{page('RegisterPage')}</GuestOnly> },
  { path: '/forgot-password', element: <GuestOnly>{page('ForgotPasswordPage')}</GuestOnly> },
  { path: '/reset-password', element: page('ResetPasswordPage') },
  { path: '/accept-invite', element: page('AcceptInvitePage') },
].map((route) => ({ ...route, element: <SectionLoading>{route.element}</SectionLoading> }));
