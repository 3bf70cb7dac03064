// The content modules (Planner, Writer, Thinker): who may change their data, the note for those who may
// only look, and the guard that keeps a switched-off module's pages away.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Role } from '../gql/graphql';
import { Banner } from '../ui/Banner';
import { PageHeader } from '../ui/PageHeader';
import { useViewer } from './viewer';

type ContentModule = 'PLANNER' | 'THINKER' | 'WRITER';

const MODULES: Record<ContentModule, { title: string; purpose: string; data: string }> = {
  PLANNER: {
    title: 'Planner',
    purpose: 'research keywords, cluster them and plan content ideas',
    data: 'keywords, clusters and ideas',
  },
  WRITER: {
    title: 'Writer',
    purpose: 'write, edit and review articles',
    data: 'tasks and articles',
  },
  THINKER: {
    title: 'Thinker',
    purpose: 'manage prompts, author profiles and strategies',
    data: 'Thinker settings',
  },
};

/** Content is editors' work: editors and above change it (SPEC.md). */
const EDITOR_ROLES: ReadonlySet<Role> = new Set<Role>(['EDITOR', 'ADMIN', 'OWNER', 'DEVELOPER']);

export function useCanEditContent(): boolean {
  return EDITOR_ROLES.has(useViewer().me.role);
}

/** Says, to a viewer only, that the page is theirs to look at and not to change. */
export function ReadOnlyNote({ module }: { module: ContentModule }) {
  if (useCanEditContent()) return null;
  return (
    <Banner tone="info">You can look, but only editors, admins and owners can change {MODULES[module].data}.</Banner>
  );
}

export function ModuleGate({ module, children }: { module: ContentModule; children: ReactNode }) {
  const { account, canManage } = useViewer();
  if (account.enabledModules.includes(module)) return children;
  const { title, purpose } = MODULES[module];
  return (
    <div className="page page-narrow">
      <PageHeader title={title} />
      <Banner tone="info" title={`The ${title} module is switched off for this account.`}>
        {canManage ? (
          <p>
            Switch it on under <Link to="/account/modules">Account → Modules</Link> to {purpose}.
          </p>
        ) : (
          <p>An owner or admin can switch it on under Account → Modules.</p>
        )}
      </Banner>
    </div>
  );
}
