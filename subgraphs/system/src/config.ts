import { aiConfigSchema, baseConfigSchema, loadConfig, mailConfigSchema } from '@igny8/lib';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === 'true' || v === '1'));

export const systemConfigSchema = baseConfigSchema.extend(aiConfigSchema.shape).extend({
  /** PUBLIC_URL, SMTP_…, MAIL_FROM: invitations and password resets are mailed from here. */
  ...mailConfigSchema.shape,
  SYSTEM_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  SYSTEM_HOST: z.string().default('127.0.0.1'),
  /** Ed25519 private key as a JWK (JSON); generated into DATA_DIR/keys on first start when absent. */
  JWT_PRIVATE_JWK: z.string().optional(),
  /** Seed the demo account on first start (default: on outside production). */
  SEED_DEMO: flag,
  /** When both are set, a platform operator (developer role) is created on start. */
  SUPERUSER_EMAIL: z
    .literal('')
    .transform(() => undefined)
    .or(z.string().email())
    .optional(),
  SUPERUSER_PASSWORD: z
    .literal('')
    .transform(() => undefined)
    .or(z.string().min(10))
    .optional(),
  LOGIN_LIMIT_PER_EMAIL: z.coerce.number().int().positive().default(5),
  AUTH_LIMIT_PER_IP: z.coerce.number().int().positive().default(20),
  /** The billing subgraph's GraphQL endpoint: jobs started here reserve and charge credits there. */
  BILLING_URL: z.string().url().default('http://127.0.0.1:4006/graphql'),
});

export type SystemConfig = z.infer<typeof systemConfigSchema>;

export const loadSystemConfig = (env: NodeJS.ProcessEnv = process.env): SystemConfig =>
  loadConfig(systemConfigSchema, env);
