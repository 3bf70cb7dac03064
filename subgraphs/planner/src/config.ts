import { baseConfigSchema, loadConfig } from '@igny8/lib';
import { z } from 'zod';

export const plannerConfigSchema = baseConfigSchema.extend({
  PLANNER_PORT: z.coerce.number().int().min(0).max(65535).default(4002),
  PLANNER_HOST: z.string().default('127.0.0.1'),
  /**
   * The system subgraph's GraphQL endpoint: the planner asks it for an account's modules, limits,
   * sites, sectors and AI setup (service calls), and its origin serves the JWKS.
   */
  SYSTEM_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  /** The billing subgraph's GraphQL endpoint: clustering and idea jobs reserve and charge credits there. */
  BILLING_URL: z.string().url().default('http://127.0.0.1:4006/graphql'),
});

export type PlannerConfig = z.infer<typeof plannerConfigSchema>;

export const loadPlannerConfig = (env: NodeJS.ProcessEnv = process.env): PlannerConfig =>
  loadConfig(plannerConfigSchema, env);
