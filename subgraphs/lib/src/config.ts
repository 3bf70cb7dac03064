// Configuration is read and validated once per process; a bad value stops the start with a
// message naming the variable.
import { isIP } from 'node:net';
import { z } from 'zod';
import { queryLimitsConfigShape } from './query-limits.js';

export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** An address, a subnet (`10.0.0.0/8`, `10.0.0.0/255.0.0.0`) or a name express knows for a range. */
const isProxyEntry = (entry: string) => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, range, extra] = entry.split('/');
  if (extra !== undefined || !address || !isIP(address)) return false;
  if (range === undefined) return true;
  return /^\d{1,3}$/.test(range) ? Number(range) <= (isIP(address) === 4 ? 32 : 128) : isIP(range) === 4;
};

/** Variables every service reads. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  JWT_ISSUER: z.string().default('igny8'),
  JWT_AUDIENCE: z.string().default('igny8-api'),
  /**
   * pg-boss's PostgreSQL schema: the job queue. Every process that runs or cancels the same jobs
   * must name the same one; test platforms sharing one database keep their workers apart with it.
   */
  JOB_QUEUE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier')
    .default('pgboss'),
  /**
   * Shared secret of service-to-service calls (service.ts); without it one is generated into
   * DATA_DIR/keys, which only services sharing that directory (one machine) can read.
   */
  SERVICE_SECRET: z
    .string()
    .refine((s) => new TextEncoder().encode(s).length >= 32, 'must be at least 32 bytes')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Who may name the client's address in X-Forwarded-For (comma-separated addresses, subnets, or
   * loopback / linklocal / uniquelocal): for the gateway, the proxies in front of it; for a
   * subgraph, the gateway. Empty: none — the client's address is the connection's, so nobody can
   * pick their own to dodge a per-address limit. `npm start` sets `loopback` for its subgraphs.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .refine(
      (entries) => entries.every(isProxyEntry),
      'must list addresses, subnets (10.0.0.0/8) or loopback / linklocal / uniquelocal, separated by commas',
    ),
  /** Query limits: the gateway and every subgraph apply the same (query-limits.ts). */
  ...queryLimitsConfigShape,
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;
