// Module guards: an account switches modules off (setModuleEnabled), and every operation of a
// switched-off module is refused. The list in accounts.enabled_modules is the whole truth: new
// accounts get every module, and an empty list means everything is off.
import type { Tx } from '@igny8/db';
import type { Module } from '@igny8/db/system';
import { assertModuleEnabled, type Caller, NotFoundError } from '@igny8/lib';
import * as modulesStore from '../store/modules.js';
import type { SystemServices } from './services.js';

/**
 * Runs `work` in the caller's tenant transaction once `module` is known to be on: the check and
 * the work see the same account row, so nothing of a switched-off module runs.
 */
export function inModule<T>(
  s: SystemServices,
  caller: Caller,
  module: Module,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return s.database.tenant(caller.accountId, async (tx) => {
    const enabled = await modulesStore.findEnabledModules(tx, caller.accountId);
    if (!enabled) throw new NotFoundError('Account', caller.accountId);
    assertModuleEnabled(enabled, module);
    return work(tx);
  });
}
