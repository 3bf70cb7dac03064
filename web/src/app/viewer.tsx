// Who is signed in and to which account: loaded once by the app layout, read by every page.
import { createContext, useContext } from 'react';
import type { Role, ViewerQuery } from '../gql/graphql';

export interface Viewer {
  me: NonNullable<ViewerQuery['me']>;
  account: ViewerQuery['account'];
  /** Owners and admins (and the platform operator) manage the team, sites, API keys and modules. */
  canManage: boolean;
}

const MANAGER_ROLES: ReadonlySet<Role> = new Set<Role>(['OWNER', 'ADMIN', 'DEVELOPER']);

export const viewerOf = (data: ViewerQuery): Viewer | null =>
  data.me ? { me: data.me, account: data.account, canManage: MANAGER_ROLES.has(data.me.role) } : null;

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer() is only available inside the signed-in app layout');
  return viewer;
}
