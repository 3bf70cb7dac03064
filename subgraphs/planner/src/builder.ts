import { createBuilder, type RequestContext } from '@igny8/lib';
import type { PlannerServices } from './domain/services.js';

export interface PlannerContext extends RequestContext {
  planner: PlannerServices;
}

export const builder = createBuilder<PlannerContext>();

/** Read by every member; changed by editors and above (with a write-scoped credential). */
export const plannerEditor = { $all: { role: 'editor', scope: 'write' } } as const;
