import { createBuilder, type RequestContext } from '@igny8/lib';
import type { AutomationServices } from './domain/services.js';

export interface AutomationContext extends RequestContext {
  automation: AutomationServices;
}

export const builder = createBuilder<AutomationContext>();
