import { baseConfigSchema, loadConfig } from '@igny8/lib';
import { z } from 'zod';

export const writerConfigSchema = baseConfigSchema.extend({
  WRITER_PORT: z.coerce.number().int().min(0).max(65535).default(4003),
  WRITER_HOST: z.string().default('127.0.0.1'),
  /** The system subgraph's GraphQL endpoint: modules, sites, AI setup (service calls) and the JWKS. */
  SYSTEM_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  /** The planner subgraph's GraphQL endpoint: the ideas, clusters and keywords tasks are made from. */
  PLANNER_URL: z.string().url().default('http://127.0.0.1:4002/graphql'),
  /** The billing subgraph's GraphQL endpoint: writing and image jobs reserve and charge credits there. */
  BILLING_URL: z.string().url().default('http://127.0.0.1:4006/graphql'),
});

export type WriterConfig = z.infer<typeof writerConfigSchema>;

export const loadWriterConfig = (env: NodeJS.ProcessEnv = process.env): WriterConfig =>
  loadConfig(writerConfigSchema, env);
