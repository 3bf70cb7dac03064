// Module guards every subgraph shares: an account switches modules off (setModuleEnabled in the
// system subgraph), and every operation of a switched-off module is refused the same way.
import type { Module } from '@igny8/db/system';
import { ForbiddenError } from './errors.js';

const MODULE_NAMES: Record<Module, string> = {
  planner: 'Planner',
  writer: 'Writer',
  linker: 'Linker',
  optimizer: 'Optimizer',
  thinker: 'Thinker',
  automation: 'Automation',
};

/** FORBIDDEN with `extensions.module`, so a client can tell a switched-off module from a role refusal. */
export class ModuleDisabledError extends ForbiddenError {
  constructor(readonly module: Module) {
    super(
      `The ${MODULE_NAMES[module]} module is switched off for this account. An owner or admin can switch it on under Account → Modules.`,
    );
  }
  override extensions() {
    return { module: this.module };
  }
}

export function assertModuleEnabled(enabledModules: readonly Module[], module: Module): void {
  if (!enabledModules.includes(module)) throw new ModuleDisabledError(module);
}
