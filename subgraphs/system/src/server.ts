// Starts the system subgraph: identity, accounts, sites, settings. Also serves the JWKS and
// the API-key exchange the gateway uses.
import { createDatabase, type Database } from '@igny8/db';
import {
  BadUserInputError,
  createAccessTokenVerifier,
  createLogger,
  createServiceCredentials,
  DomainError,
  type Logger,
  loadServiceSecret,
  type RunningServer,
  startSubgraph,
} from '@igny8/lib';
import express from 'express';
import { loadSystemConfig, type SystemConfig } from './config.js';
import { exchangeApiKey } from './domain/auth.js';
import { createAuthLimiter } from './domain/rate-limits.js';
import type { SystemServices } from './domain/services.js';
import { loadSigningKeys } from './keys.js';
import { systemSchema } from './schema/index.js';
import { seedDemoAccount, seedReferenceData, seedSuperuser } from './seed.js';

export { setAccountPlan } from './domain/account.js';
export { DEMO_LOGIN } from './seed.js';
export { loadSystemConfig, systemConfigSchema, type SystemConfig } from './config.js';
export { systemSchema };

export interface SystemOptions {
  config?: SystemConfig;
  /** An open database; otherwise one is opened from the config and closed with the server. */
  database?: Database;
  log?: Logger;
  port?: number;
}

export interface SystemServer extends RunningServer {
  services: SystemServices;
  /** True when this start created the demo account. */
  seededDemo: boolean;
}

export const API_KEY_EXCHANGE_PATH = '/internal/api-key-token';
export const JWKS_PATH = '/.well-known/jwks.json';

export async function startSystem(options: SystemOptions = {}): Promise<SystemServer> {
  const config = options.config ?? loadSystemConfig();
  const log = options.log ?? createLogger('system', config.LOG_LEVEL);
  const ownsDatabase = !options.database;
  const database =
    options.database ?? createDatabase({ url: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pglite` });
  if (ownsDatabase) await database.migrate();

  const keys = await loadSigningKeys(config.DATA_DIR, config.JWT_PRIVATE_JWK);
  const services: SystemServices = {
    database,
    keys,
    config,
    log,
    limiter: createAuthLimiter({
      perEmailPerMinute: config.LOGIN_LIMIT_PER_EMAIL,
      perIpPerMinute: config.AUTH_LIMIT_PER_IP,
    }),
  };

  await seedReferenceData(services);
  await seedSuperuser(services);
  const seedDemo = config.SEED_DEMO ?? config.NODE_ENV !== 'production';
  const seededDemo = seedDemo ? await seedDemoAccount(services) : false;

  const server = await startSubgraph({
    name: 'system',
    schema: systemSchema,
    log,
    port: options.port ?? config.SYSTEM_PORT,
    host: config.SYSTEM_HOST,
    verify: createAccessTokenVerifier({
      jwks: keys.jwks,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    }),
    // Other subgraphs call the service-only operations (billing asks for an account's plan).
    serviceCredentials: createServiceCredentials(loadServiceSecret(config.DATA_DIR, config.SERVICE_SECRET), 'system'),
    extendContext: (base) => ({ ...base, system: services }),
    health: () => database.ping(),
    routes: (app) => {
      app.get(JWKS_PATH, (_req, res) => {
        res.set('Cache-Control', 'public, max-age=300').json(keys.jwks);
      });
      app.post(API_KEY_EXCHANGE_PATH, express.json({ limit: '4kb' }), async (req, res) => {
        try {
          const key = (req.body as { key?: unknown })?.key;
          if (typeof key !== 'string') throw BadUserInputError.field('key', 'is required');
          res.json(await exchangeApiKey(services, key));
        } catch (error) {
          if (error instanceof DomainError) {
            res.status(error.code === 'BAD_USER_INPUT' ? 400 : 401).json({ code: error.code, message: error.message });
            return;
          }
          log.error({ err: error }, 'api key exchange failed');
          res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'API key check failed.' });
        }
      });
    },
  });

  return {
    ...server,
    services,
    seededDemo,
    close: async () => {
      await server.close();
      if (ownsDatabase) await database.close();
    },
  };
}
