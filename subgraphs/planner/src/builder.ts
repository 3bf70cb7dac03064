import { createBuilder, type RequestContext } from '@igny8/lib';
import type { PlannerServices } from './domain/services.js';

export interface PlannerContext extends RequestContext {
  planner: PlannerServices;
}

export const builder = createBuilder<PlannerContext>();
