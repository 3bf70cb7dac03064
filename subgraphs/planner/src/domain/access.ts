// Every planner operation runs for a caller whose account has the Planner module on, in the
// site and sector it names (checked by the system subgraph, which owns sites).
import type { Tx } from '@igny8/db';
import { assertModuleEnabled, type Principal } from '@igny8/lib';
import type { AccountWorkspace, PlannerServices } from './services.js';

export interface PlannerCaller {
  principal: Principal;
  requestId: string;
  /** Per-request memo: one system call per place, however many fields ask. */
  cache?: Map<unknown, unknown>;
}

export interface Place {
  siteId?: string | null | undefined;
  sectorId?: string | null | undefined;
}

/** The account's workspace (and the site and sector, when given) once the Planner module is known to be on. */
export async function plannerWorkspace(
  s: PlannerServices,
  caller: PlannerCaller,
  place: Place = {},
): Promise<AccountWorkspace> {
  const key = `planner.workspace:${place.siteId ?? ''}:${place.sectorId ?? ''}`;
  let pending = caller.cache?.get(key) as Promise<AccountWorkspace> | undefined;
  if (!pending) {
    pending = s.system.workspace(caller.principal.accountId, place, caller.requestId);
    caller.cache?.set(key, pending);
    pending.catch(() => caller.cache?.delete(key));
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
  caller: PlannerCaller,
  work: (tx: Tx, workspace: AccountWorkspace) => Promise<T>,
  place: Place = {},
): Promise<T> {
  const workspace = await plannerWorkspace(s, caller, place);
  return s.database.tenant(caller.principal.accountId, (tx) => work(tx, workspace));
}
