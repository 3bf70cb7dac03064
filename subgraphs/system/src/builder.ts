import { createBuilder, type RequestContext } from '@igny8/lib';
import type { SystemServices } from './domain/services.js';

export interface SystemContext extends RequestContext {
  system: SystemServices;
}

export const builder = createBuilder<SystemContext>();
