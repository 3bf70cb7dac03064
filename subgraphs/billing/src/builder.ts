import { createBuilder, type RequestContext } from '@igny8/lib';
import type { BillingServices } from './domain/services.js';

export interface BillingContext extends RequestContext {
  billing: BillingServices;
}

export const builder = createBuilder<BillingContext>();
