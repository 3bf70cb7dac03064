import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { ApiKeysPage } from '../pages/account/ApiKeys';
import { AdminGate } from '../pages/admin/access';
import { AdminCreditCostsPage } from '../pages/admin/AdminCreditCosts';
import { AdminCreditsPage } from '../pages/admin/AdminCredits';
import { AdminOutboxPage } from '../pages/admin/AdminOutbox';
import { ModulesPage } from '../pages/account/Modules';
import { SettingsPage } from '../pages/account/Settings';
import { TeamPage } from '../pages/account/Team';
import { AcceptInvitePage } from '../pages/auth/AcceptInvite';
import { CreditsPage } from '../pages/billing/Credits';
import { BillingOverviewPage } from '../pages/billing/Overview';
import { TransactionsPage } from '../pages/billing/Transactions';
import { UsagePage } from '../pages/billing/Usage';
import { ForgotPasswordPage } from '../pages/auth/ForgotPassword';
import { LoginPage } from '../pages/auth/Login';
import { RegisterPage } from '../pages/auth/Register';
import { ResetPasswordPage } from '../pages/auth/ResetPassword';
import { NotFoundPage } from '../pages/NotFound';
import { ClusterDetailPage } from '../pages/planner/ClusterDetail';
import { ClustersPage } from '../pages/planner/Clusters';
import { IdeasPage } from '../pages/planner/Ideas';
import { KeywordsPage } from '../pages/planner/Keywords';
import { ProfilePage } from '../pages/profile/Profile';
import { SitesPage } from '../pages/sites/Sites';
import { AuthorProfilesPage } from '../pages/thinker/AuthorProfiles';
import { ImageTestingPage } from '../pages/thinker/ImageTesting';
import { PromptsPage } from '../pages/thinker/Prompts';
import { StrategiesPage } from '../pages/thinker/Strategies';
import { AppLayout } from './AppLayout';
import { ModuleGate } from './content-modules';
import { GuestOnly, RequireSession } from './guards';

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <GuestOnly>
        <LoginPage />
      </GuestOnly>
    ),
  },
  {
    path: '/register',
    element: (
      <GuestOnly>
        <RegisterPage />
      </GuestOnly>
    ),
  },
  {
    path: '/forgot-password',
    element: (
      <GuestOnly>
        <ForgotPasswordPage />
      </GuestOnly>
    ),
  },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/accept-invite', element: <AcceptInvitePage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/sites" replace /> },
      { path: 'sites', element: <SitesPage /> },
      { path: 'account', element: <Navigate to="/account/settings" replace /> },
      { path: 'account/settings', element: <SettingsPage /> },
      { path: 'account/team', element: <TeamPage /> },
      { path: 'account/api-keys', element: <ApiKeysPage /> },
      { path: 'account/modules', element: <ModulesPage /> },
      {
        path: 'planner',
        element: (
          <ModuleGate module="PLANNER">
            <Outlet />
          </ModuleGate>
        ),
        children: [
          { index: true, element: <Navigate to="/planner/keywords" replace /> },
          { path: 'keywords', element: <KeywordsPage /> },
          { path: 'clusters', element: <ClustersPage /> },
          { path: 'clusters/:id', element: <ClusterDetailPage /> },
          { path: 'ideas', element: <IdeasPage /> },
        ],
      },
      {
        path: 'thinker',
        element: (
          <ModuleGate module="THINKER">
            <Outlet />
          </ModuleGate>
        ),
        children: [
          { index: true, element: <Navigate to="/thinker/prompts" replace /> },
          { path: 'prompts', element: <PromptsPage /> },
          { path: 'author-profiles', element: <AuthorProfilesPage /> },
          { path: 'strategies', element: <StrategiesPage /> },
          { path: 'image-testing', element: <ImageTestingPage /> },
        ],
      },
      { path: 'billing', element: <Navigate to="/billing/overview" replace /> },
      { path: 'billing/overview', element: <BillingOverviewPage /> },
      { path: 'billing/credits', element: <CreditsPage /> },
      { path: 'billing/transactions', element: <TransactionsPage /> },
      { path: 'billing/usage', element: <UsagePage /> },
      {
        path: 'admin',
        element: (
          <AdminGate>
            <Outlet />
          </AdminGate>
        ),
        children: [
          { index: true, element: <Navigate to="/admin/credits" replace /> },
          { path: 'credits', element: <AdminCreditsPage /> },
          { path: 'credit-costs', element: <AdminCreditCostsPage /> },
          { path: 'outbox', element: <AdminOutboxPage /> },
        ],
      },
      { path: 'profile', element: <ProfilePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
