// What AI operations cost: the seeded defaults of SPEC.md, the price of a job, and admin edits.
import { BadUserInputError, type Caller } from '@igny8/lib';
import type { CreditCostRow } from '../store/costs.js';
import * as costsStore from '../store/costs.js';
import type { BillingServices } from './services.js';

export type { CreditCostRow } from '../store/costs.js';

export interface CreditCostDefault {
  operation: string;
  displayName: string;
  /** What one charge of `credits` covers. */
  unit: string;
  credits: number;
  description: string;
}

/** The original product's fixed costs (SPEC.md, billing). */
export const DEFAULT_CREDIT_COSTS: readonly CreditCostDefault[] = [
  {
    operation: 'clustering',
    displayName: 'Keyword clustering',
    unit: 'request',
    credits: 10,
    description: 'Groups a batch of keywords into clusters.',
  },
  {
    operation: 'idea_generation',
    displayName: 'Idea generation',
    unit: 'cluster',
    credits: 15,
    description: 'Content ideas for one cluster.',
  },
  {
    operation: 'content_generation',
    displayName: 'Content writing',
    unit: '100 words',
    credits: 1,
    description: 'An article, priced by its length.',
  },
  {
    operation: 'image_prompt_extraction',
    displayName: 'Image prompts',
    unit: 'content',
    credits: 2,
    description: 'Image prompts drawn from one piece of content.',
  },
  {
    operation: 'image_generation',
    displayName: 'Image generation',
    unit: 'image',
    credits: 5,
    description: 'One generated image.',
  },
  {
    operation: 'linking',
    displayName: 'Internal linking',
    unit: 'content',
    credits: 8,
    description: 'Internal links added to one piece of content.',
  },
  {
    operation: 'optimization',
    displayName: 'Content optimisation',
    unit: '200 words',
    credits: 1,
    description: 'An AI rewrite for SEO, priced by length.',
  },
];

/**
 * The credits `units` of an operation cost, rounded up; an inactive operation is free.
 * The product is rounded to a millionth first: 3 × 0.1 is 0.30000000000000004 in floating point
 * and must not cost a credit more than 0.3 does.
 */
export function creditsFor(cost: Pick<CreditCostRow, 'credits' | 'isActive'>, units: number): number {
  if (!cost.isActive || cost.credits === 0) return 0;
  return Math.ceil(Math.round(cost.credits * units * 1e6) / 1e6);
}

export const unknownOperation = (operation: string) =>
  BadUserInputError.field('operation', `"${operation}" is not a known operation (see creditCosts)`);

/** Inserts the default costs that are missing (an admin's edits are kept). */
export async function seedCreditCosts(s: BillingServices): Promise<void> {
  await s.database.system((tx) => costsStore.insertMissingCosts(tx, [...DEFAULT_CREDIT_COSTS]));
}

export const listCreditCosts = (s: BillingServices) => s.database.system((tx) => costsStore.listCosts(tx));

export async function estimateCredits(s: BillingServices, operation: string, units: number): Promise<number> {
  const cost = await s.database.system((tx) => costsStore.findCost(tx, operation));
  if (!cost) throw unknownOperation(operation);
  return creditsFor(cost, units);
}

/** Platform operator: changes what an operation costs, its name, or switches it off (free). */
export async function updateCreditCost(
  s: BillingServices,
  caller: Caller,
  input: { operation: string; credits: number; displayName?: string | null; isActive?: boolean | null },
): Promise<CreditCostRow> {
  const changes: costsStore.CostChanges = { credits: input.credits };
  if (input.displayName != null) changes.displayName = input.displayName;
  if (input.isActive != null) changes.isActive = input.isActive;
  const row = await s.database.system((tx) => costsStore.updateCost(tx, input.operation, changes, caller.userId));
  if (!row) throw unknownOperation(input.operation);
  return row;
}
