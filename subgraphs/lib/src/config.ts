// Configuration is read and validated once per process; a bad value stops the start with a
// message naming the variable.
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
  /** Query limits: the gateway and every subgraph apply the same (query-limits.ts). */
  ...queryLimitsConfigShape,
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;
