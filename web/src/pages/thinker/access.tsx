// Who may change Thinker settings, and the guard that keeps the pages of a switched-off module away.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useViewer } from '../../app/viewer';
import type { Role } from '../../gql/graphql';
import { Banner } from '../../ui/Banner';
import { PageHeader } from '../../ui/PageHeader';

/** Prompts, author profiles and strategies are content settings: editors and above change them. */
const EDITOR_ROLES: ReadonlySet<Role> = new Set<Role>(['EDITOR', 'ADMIN', 'OWNER', 'DEVELOPER']);

export function useCanEditThinker(): boolean {
  return EDITOR_ROLES.has(useViewer().me.role);
}

export const READ_ONLY_NOTE = 'You can look, but only editors, admins and owners can change Thinker settings.';

export function ThinkerGate({ children }: { children: ReactNode }) {
  const { account, canManage } = useViewer();
  if (account.enabledModules.includes('THINKER')) return children;
  return (
    <div className="page page-narrow">
      <PageHeader title="Thinker" />
      <Banner tone="info" title="The Thinker module is switched off for this account.">
        {canManage ? (
          <p>
            Switch it on under <Link to="/account/modules">Account → Modules</Link> to manage prompts, author profiles
            and strategies.
          </p>
        ) : (
          <p>An owner or admin can switch it on under Account → Modules.</p>
        )}
      </Banner>
    </div>
  );
}
