import { baseConfigSchema, loadConfig } from '@igny8/lib';
import { z } from 'zod';

export const billingConfigSchema = baseConfigSchema.extend({
  BILLING_PORT: z.coerce.number().int().min(0).max(65535).default(4006),
  BILLING_HOST: z.string().default('127.0.0.1'),
  /**
   * The system subgraph's GraphQL endpoint: billing asks it for an account's plan (service call),
   * and its origin serves the JWKS that access tokens are verified with.
   */
  SYSTEM_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  /** A charge that takes the balance below this notifies the account's owners and admins. */
  LOW_CREDITS_THRESHOLD: z.coerce.number().int().min(0).default(20),
});

export type BillingConfig = z.infer<typeof billingConfigSchema>;

export const loadBillingConfig = (env: NodeJS.ProcessEnv = process.env): BillingConfig =>
  loadConfig(billingConfigSchema, env);
