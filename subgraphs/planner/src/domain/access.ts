// Every planner operation runs for a caller whose account has the Planner module on, in the
// site and sector it names (checked by the system subgraph, which owns sites).
import type { Tx } from '@igny8/db';
import { type AccountWorkspace, type Caller, inModule, moduleWorkspace, type Place } from '@igny8/lib';
import type { PlannerServices } from './services.js';

export { type Place, placeOf } from '@igny8/lib';

/** The account's workspace (and the site and sector, when given) once the Planner module is known to be on. */
export const plannerWorkspace = (s: PlannerServices, caller: Caller, place: Place = {}): Promise<AccountWorkspace> =>
  moduleWorkspace(s.system, caller, 'planner', place);

/** Runs `work` in the caller's tenant transaction once the Planner module is known to be on. */
export const inPlanner = <T>(
  s: PlannerServices,
  caller: Caller,
  work: (tx: Tx, workspace: AccountWorkspace) => Promise<T>,
  place: Place = {},
): Promise<T> => inModule(s, caller, 'planner', work, place);
