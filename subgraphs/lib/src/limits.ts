// Plan limits: one check and one message for everything a plan counts (sites, users, author
// profiles, keywords). The caller counts under a lock (the account row, or an advisory lock) so
// concurrent additions take turns at the check.
import { ForbiddenError } from './errors.js';

export interface PlanLimit {
  /** The plan as the person knows it ("Free"). */
  plan: string;
  /** How many the plan allows. */
  max: number;
  /** What is counted, singular and plural: ['site', 'sites']. */
  noun: readonly [singular: string, plural: string];
  /** What else the person can do, after "upgrade the plan or …": 'delete a site first'. */
  remedy: string;
}

/** "Your Free plan allows 1 site: upgrade the plan or delete a site first." */
export const planLimitMessage = ({ plan, max, noun, remedy }: PlanLimit) =>
  `Your ${plan} plan allows ${max.toLocaleString('en-US')} ${max === 1 ? noun[0] : noun[1]}: upgrade the plan or ${remedy}.`;

/** FORBIDDEN: the account's plan allows no more of something. */
export class PlanLimitError extends ForbiddenError {
  constructor(readonly limit: PlanLimit) {
    super(planLimitMessage(limit));
  }
}

/** Refuses adding `adding` more when `used` already count against the plan's limit. */
export function assertWithinPlan(limit: PlanLimit, used: number, adding = 1): void {
  if (used + adding > limit.max) throw new PlanLimitError(limit);
}
