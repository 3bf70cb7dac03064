// Every writer operation runs for a caller whose account has the Writer module on, in the site and
// sector it names (checked by the system subgraph, which owns sites).
import type { Tx } from '@igny8/db';
import { type AccountWorkspace, type Caller, inModule, moduleWorkspace, type Place } from '@igny8/lib';
import type { WriterServices } from './services.js';

export { type Place, placeOf } from '@igny8/lib';

/** The account's workspace (and the site and sector, when given) once the Writer module is known to be on. */
export const writerWorkspace = (s: WriterServices, caller: Caller, place: Place = {}): Promise<AccountWorkspace> =>
  moduleWorkspace(s.system, caller, 'writer', place);

/** Runs `work` in the caller's tenant transaction once the Writer module is known to be on. */
export const inWriter = <T>(
  s: WriterServices,
  caller: Caller,
  work: (tx: Tx, workspace: AccountWorkspace) => Promise<T>,
  place: Place = {},
): Promise<T> => inModule(s, caller, 'writer', work, place);
