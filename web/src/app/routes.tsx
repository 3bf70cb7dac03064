import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { authRoutes } from '../pages/auth/section';
import { NotFoundPage } from '../pages/NotFound';
import { Loading } from '../ui/PageHeader';
import { RequireSession } from './guards';
import { sectionRoute } from './section';
import { SECTIONS } from './sections';

/** The signed-in frame (sidebar, header, live jobs and credits): a chunk the login page never loads. */
const AppLayout = lazy(async () => ({ default: (await import('./AppLayout')).AppLayout }));

export const router = createBrowserRouter([
  ...authRoutes,
  {
    path: '/',
    element: (
      <RequireSession>
        <Suspense fallback={<Loading label="Loading your account…" />}>
          <AppLayout />
        </Suspense>
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/sites" replace /> },
      ...SECTIONS.map(sectionRoute),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
