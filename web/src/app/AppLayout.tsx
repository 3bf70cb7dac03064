// The signed-in frame: sidebar navigation, the header with account and user, and the page.
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { endSession } from '../auth/session';
import { type Module, type Role, ViewerDocument } from '../gql/graphql';
import { HeaderCredits } from '../jobs/HeaderCredits';
import { JobsTray } from '../jobs/JobsTray';
import { useJobUpdates } from '../jobs/live';
import { LoadFailedBanner } from '../ui/Banner';
import { humanize } from '../ui/format';
import { Logo } from '../ui/Logo';
import { Badge, Loading } from '../ui/PageHeader';
import { ViewerContext, viewerOf } from './viewer';

/**
 * A section with a `module` is hidden while that module is switched off for the account; one with
 * `roles` is shown only to them.
 */
const NAVIGATION: { section: string; module?: Module; roles?: Role[]; links: { to: string; label: string }[] }[] = [
  { section: 'Sites', links: [{ to: '/sites', label: 'Sites & sectors' }] },
  {
    section: 'Planner',
    module: 'PLANNER',
    links: [
      { to: '/planner/keywords', label: 'Keywords' },
      { to: '/planner/clusters', label: 'Clusters' },
      { to: '/planner/ideas', label: 'Ideas' },
    ],
  },
  {
    section: 'Thinker',
    module: 'THINKER',
    links: [
      { to: '/thinker/prompts', label: 'Prompts' },
      { to: '/thinker/author-profiles', label: 'Author profiles' },
      { to: '/thinker/strategies', label: 'Strategies' },
      { to: '/thinker/image-testing', label: 'Image testing' },
    ],
  },
  {
    section: 'Billing',
    links: [
      { to: '/billing/overview', label: 'Overview' },
      { to: '/billing/credits', label: 'Credits' },
      { to: '/billing/transactions', label: 'Transactions' },
      { to: '/billing/usage', label: 'Usage' },
    ],
  },
  {
    section: 'Account',
    links: [
      { to: '/account/settings', label: 'Settings' },
      { to: '/account/team', label: 'Team' },
      { to: '/account/api-keys', label: 'API keys' },
      { to: '/account/modules', label: 'Modules' },
    ],
  },
  { section: 'Profile', links: [{ to: '/profile', label: 'Your profile' }] },
  {
    section: 'Admin',
    roles: ['DEVELOPER'],
    links: [
      { to: '/admin/credits', label: 'Account credits' },
      { to: '/admin/credit-costs', label: 'Credit costs' },
      { to: '/admin/outbox', label: 'Outbox' },
    ],
  },
];

/** `enabledModules` and `role` are null until the viewer is loaded: sections that depend on them wait. */
function Sidebar({ enabledModules, role }: { enabledModules: readonly Module[] | null; role: Role | null }) {
  const sections = NAVIGATION.filter(
    ({ module, roles }) =>
      (!module || enabledModules?.includes(module)) && (!roles || (role !== null && roles.includes(role))),
  );
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar-brand">
        <Logo />
      </div>
      {sections.map(({ section, links }) => (
        <div className="nav-group" key={section}>
          <p className="nav-group-title">{section}</p>
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/** The live part of the header: credits and jobs, kept current by the account's job updates. */
function LiveStatus() {
  useJobUpdates();
  return (
    <div className="header-live">
      <HeaderCredits />
      <JobsTray />
    </div>
  );
}

function LogoutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button-secondary button-small"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void endSession();
      }}
    >
      Log out
    </button>
  );
}

export function AppLayout() {
  const { data, error, refetch } = useQuery(ViewerDocument);
  const viewer = data ? viewerOf(data) : null;
  // A token for a user who no longer exists (removed from the team): nothing to show.
  const orphaned = !!data && !viewer;
  useEffect(() => {
    if (orphaned) void endSession();
  }, [orphaned]);

  let content = <Loading label="Loading your account…" />;
  if (error && !viewer) {
    content = (
      <div className="page">
        <LoadFailedBanner title="Your account could not be loaded." error={error} onRetry={() => void refetch()} />
      </div>
    );
  } else if (viewer) {
    content = (
      <ViewerContext value={viewer}>
        <Outlet />
      </ViewerContext>
    );
  }

  return (
    <div className="app-shell">
      <Sidebar enabledModules={viewer?.account.enabledModules ?? null} role={viewer?.me.role ?? null} />
      <div className="app-main">
        <header className="app-header">
          <div className="header-account">
            {viewer && (
              <>
                <span className="header-account-name" data-testid="account-name">
                  {viewer.account.name}
                </span>
                <Badge tone="accent">{viewer.account.plan.name} plan</Badge>
              </>
            )}
          </div>
          <div className="header-user">
            {viewer && (
              <ViewerContext value={viewer}>
                <LiveStatus />
              </ViewerContext>
            )}
            {viewer && (
              <span className="header-user-name" data-testid="user-name">
                {viewer.me.name}
                <span className="header-user-role">{humanize(viewer.me.role)}</span>
              </span>
            )}
            <LogoutButton />
          </div>
        </header>
        <main className="app-content">{content}</main>
      </div>
    </div>
  );
}
