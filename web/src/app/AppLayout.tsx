// The signed-in frame: sidebar navigation, the header with account and user, and the page.
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { endSession } from '../auth/session';
import { type Module, type Role, ViewerDocument } from '../gql/graphql';
import { HeaderCredits } from '../jobs/HeaderCredits';
import { JobsTray } from '../jobs/JobsTray';
import { useJobUpdates } from '../jobs/live';
import { NotificationBell } from '../notifications/NotificationBell';
import { LoadFailedBanner } from '../ui/Banner';
import { humanize } from '../ui/format';
import { Logo } from '../ui/Logo';
import { Badge, Loading } from '../ui/PageHeader';
import { sectionLinks } from './section';
import { SECTIONS } from './sections';
import { ViewerContext, viewerOf } from './viewer';

/**
 * The sections' sidebar entries (app/sections.ts). A section with a `module` is hidden while that
 * module is switched off for the account; one with `roles` is shown only to them. On a phone the
 * sidebar is folded away behind the header's menu button (`open`).
 * `enabledModules` and `role` are null until the viewer is loaded: sections that depend on them wait.
 */
function Sidebar({
  enabledModules,
  role,
  open,
}: {
  enabledModules: readonly Module[] | null;
  role: Role | null;
  open: boolean;
}) {
  const sections = SECTIONS.filter(
    ({ module, roles }) =>
      (!module || enabledModules?.includes(module)) && (!roles || (role !== null && roles.includes(role))),
  );
  return (
    <nav id="main-navigation" className={open ? 'sidebar sidebar-open' : 'sidebar'} aria-label="Main">
      <div className="sidebar-brand">
        <Logo />
      </div>
      {sections.map((section) => (
        <div className="nav-group" key={section.path}>
          <p className="nav-group-title">{section.title}</p>
          <ul>
            {sectionLinks(section).map((link) => (
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

/** The phone's way to the sidebar: shown only on narrow screens (styles.css). */
function MenuButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="button button-secondary button-small menu-button"
      aria-expanded={open}
      aria-controls="main-navigation"
      onClick={onToggle}
    >
      Menu
    </button>
  );
}

/** The live part of the header: credits, jobs and notifications, kept current by the account's job updates. */
function LiveStatus() {
  useJobUpdates();
  return (
    <div className="header-live">
      <HeaderCredits />
      <JobsTray />
      <NotificationBell />
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
  // The menu stays open on the page it was opened on: following one of its links folds it away.
  const { pathname } = useLocation();
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === pathname;
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
      <Sidebar enabledModules={viewer?.account.enabledModules ?? null} role={viewer?.me.role ?? null} open={menuOpen} />
      <div className="app-main">
        <header className="app-header">
          <div className="header-account">
            <MenuButton open={menuOpen} onToggle={() => setMenuOpenOn(menuOpen ? null : pathname)} />
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
