// Every planner operation runs for a caller whose account has the Planner module on, in the
// site and sector it names (checked by the system subgraph, which owns sites).
import type { Tx } from '@igny8/db';
import { assertModuleEnabled, type Caller } from '@igny8/lib';
import type { AccountWorkspace, PlannerServices } from './services.js';

export interface Place {
  siteId?: string | null | undefined;
  sectorId?: string | null | undefined;
}

/** The account's workspace (and the site and sector, when given) once the Planner module is known to be on. */
export async function plannerWorkspace(
  s: PlannerServices,
  caller: Caller,
  place: Place = {},
): Promise<AccountWorkspace> {
  // The request's memo: one system call per place, however many fields ask.
  const key = `planner.workspace:${place.siteId ?? ''}:${place.sectorId ?? ''}`;
  let pending = caller.memo?.get(key) as Promise<AccountWorkspace> | undefined;
  if (!pending) {
    pending = s.system.workspace(caller.accountId, place, caller.requestId);
    caller.memo?.set(key, pending);
    pending.catch(() => caller.memo?.delete(key));
  }
  const workspace = await pending;
  assertModuleEnabled(workspace.enabledModules, 'planner');
  return workspace;
}

/** The site and sector of a workspace asked for with both. */
export function placeOf(workspace: AccountWorkspace): { siteId: string; sectorId: string } {
  return { siteId: workspace.site!.id, sectorId: workspace.sector!.id };
}

/** Runs `work` in the caller's tenant transaction once the Planner module is known to be on. */
export async function inPlanner<T>(
  s: PlannerServices,
  caller: Caller,
  work: (tx: Tx, workspace: AccountWorkspace) => Promise<T>,
  place: Place = {},
): Promise<T> {
  const workspace = await plannerWorkspace(s, caller, place);
  return s.database.tenant(caller.accountId, (tx) => work(tx, workspace));
}
