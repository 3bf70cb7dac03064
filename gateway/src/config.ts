import { baseConfigSchema, loadConfig } from '@igny8/lib';
import { z } from 'zod';

export const gatewayConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  /** The system subgraph's GraphQL endpoint. */
  SYSTEM_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  /** The built web app to serve (index.html + assets); empty to serve none. */
  WEB_DIST: z.string().default('web/dist'),
  /** Query limits (graphql-armor). */
  MAX_DEPTH: z.coerce.number().int().positive().default(12),
  MAX_ALIASES: z.coerce.number().int().positive().default(15),
  MAX_COST: z.coerce.number().int().positive().default(5000),
  MAX_TOKENS: z.coerce.number().int().positive().default(2000),
  MAX_DIRECTIVES: z.coerce.number().int().positive().default(20),
  /** How long an API key's exchanged token is reused: revocation takes effect within this. */
  API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(900).default(30),
  /** Sockets kept open to each subgraph. */
  SUBGRAPH_MAX_SOCKETS: z.coerce.number().int().positive().default(64),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig =>
  loadConfig(gatewayConfigSchema, env);

/** Subgraph name (as in the supergraph) → URL, from the config. */
export const subgraphUrls = (config: GatewayConfig): Record<string, string> => ({ system: config.SYSTEM_URL });
