import { baseConfigSchema, loadConfig } from '@igny8/lib';
import { z } from 'zod';

export const automationConfigSchema = baseConfigSchema.extend({
  AUTOMATION_PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  AUTOMATION_HOST: z.string().default('127.0.0.1'),
  /** The system subgraph: its JWKS verifies access tokens. */
  SYSTEM_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  /** The billing subgraph: cancelling a job gives its credits back. */
  BILLING_URL: z.string().url().default('http://127.0.0.1:4006/graphql'),
});

export type AutomationConfig = z.infer<typeof automationConfigSchema>;

export const loadAutomationConfig = (env: NodeJS.ProcessEnv = process.env): AutomationConfig =>
  loadConfig(automationConfigSchema, env);
