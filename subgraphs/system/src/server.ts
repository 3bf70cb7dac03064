// Starts the system subgraph: identity, accounts, sites, settings, the Thinker and its jobs. Also
// serves the JWKS, the API-key exchange the gateway uses and the files its jobs make.
import {
  aiSettingsFromConfig,
  BadUserInputError,
  bearerToken,
  createAccessTokenReader,
  createAccessTokenVerifier,
  createAiProvider,
  createMailer,
  createPublicLinks,
  createRevocationCheck,
  DomainError,
  defineSubgraph,
  isTemporaryOutage,
  jobEndNotice,
  jsonBody,
  mailSettingsFromConfig,
  mountFileRoutes,
  type RunningSubgraph,
  revocationClaimsOf,
  type SubgraphStartOptions,
  subgraphFiles,
  TOKEN_STATE_PATH,
  UnauthenticatedError,
} from '@igny8/lib';
import { loadSystemConfig, type SystemConfig } from './config.js';
import { createAccountAiProviders } from './domain/ai.js';
import { createAiSecretBox } from './domain/ai-secrets.js';
import { exchangeApiKey, tokenState } from './domain/auth.js';
import { notify } from './domain/notifications.js';
import { createAuthLimiter } from './domain/rate-limits.js';
import type { SystemServices } from './domain/services.js';
import { createSystemJobs } from './jobs/index.js';
import { loadSigningKeys } from './keys.js';
import { systemSchema } from './schema/index.js';
import { seedDemoAccount, seedReferenceData, seedSuperuser } from './seed.js';

export { loadSystemConfig, type SystemConfig, systemConfigSchema } from './config.js';
export { setAccountPlan } from './domain/account.js';
export { DEMO_LOGIN } from './seed.js';
export { systemSchema };

export type SystemOptions = SubgraphStartOptions<SystemConfig>;

export type SystemServer = RunningSubgraph<
  SystemServices,
  {
    /** True when this start created the demo account. */
    seededDemo: boolean;
  }
>;

export const API_KEY_EXCHANGE_PATH = '/internal/api-key-token';
export const JWKS_PATH = '/.well-known/jwks.json';

export const startSystem = defineSubgraph({
  name: 'system',
  schema: systemSchema,
  loadConfig: loadSystemConfig,
  // Other subgraphs call the service-only operations (billing asks for an account's plan).
  acceptsServiceCalls: true,
  async setup({ config, log, database, serviceSecret, jobRuntime, options, revocations }) {
    const production = config.NODE_ENV === 'production';
    // Settings first: a mail or link setting that cannot work stops the start before anything runs.
    const links = createPublicLinks({ configured: config.PUBLIC_URL, served: options.publicUrl, production });
    const mailSettings = mailSettingsFromConfig(config);
    const keys = await loadSigningKeys(config.DATA_DIR, config.JWT_PRIVATE_JWK);
    const ai = createAiProvider(aiSettingsFromConfig(config));
    const aiSecrets = createAiSecretBox(serviceSecret);
    const aiProviders = createAccountAiProviders({ database, config, secrets: aiSecrets, platform: ai });
    const { storage: files, urls: fileUrls } = subgraphFiles('system', config.DATA_DIR, serviceSecret);
    const jobs = jobRuntime(createSystemJobs({ database, aiProviders, files }), {
      // This subgraph keeps the notifications: its jobs record theirs directly.
      notices: {
        jobEnded: (job) =>
          notify(services, jobEndNotice(job)).then(
            () => {},
            (error: unknown) => log.warn({ err: error, jobId: job.id }, 'could not notify the end of a job'),
          ),
      },
    });
    const services: SystemServices = {
      database,
      keys,
      config,
      log,
      limiter: createAuthLimiter({
        perEmailPerMinute: config.LOGIN_LIMIT_PER_EMAIL,
        perIpPerMinute: config.AUTH_LIMIT_PER_IP,
      }),
      jobs,
      ai,
      aiProviders,
      aiSecrets,
      files,
      fileUrls,
      // The service's own logger, not a child: its lines carry `component: 'mail'` instead.
      mailer: createMailer({ settings: mailSettings, dataDir: config.DATA_DIR, log, production }),
      links,
      revocations,
    };

    await seedReferenceData(services);
    await seedSuperuser(services);
    const seedDemo = config.SEED_DEMO ?? config.NODE_ENV !== 'production';
    const seededDemo = seedDemo ? await seedDemoAccount(services) : false;

    // This subgraph signs the tokens: its own public keys verify them, and its own tables say
    // whether one was revoked (the other processes ask TOKEN_STATE_PATH on a miss).
    const tokenOptions = { jwks: keys.jwks, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
    const readToken = createAccessTokenReader(tokenOptions);
    return {
      services,
      jobs,
      extra: { seededDemo },
      // A reset mail goes out after its answer: stopping waits for the mails still being sent.
      close: () => services.mailer.close(),
      verify: createAccessTokenVerifier({
        ...tokenOptions,
        revocations: createRevocationCheck({
          feed: revocations,
          load: (_token, claims) => tokenState(services, claims),
        }),
      }),
      routes: (app) => {
        mountFileRoutes(app, files, fileUrls);
        app.get(JWKS_PATH, (_req, res) => {
          res.set('Cache-Control', 'public, max-age=300').json(keys.jwks);
        });
        app.post(API_KEY_EXCHANGE_PATH, jsonBody('4kb'), async (req, res) => {
          try {
            const key = (req.body as { key?: unknown })?.key;
            if (typeof key !== 'string') throw BadUserInputError.field('key', 'is required');
            res.json(await exchangeApiKey(services, key));
          } catch (error) {
            if (error instanceof DomainError) {
              res
                .status(error.code === 'BAD_USER_INPUT' ? 400 : 401)
                .json({ code: error.code, message: error.message });
              return;
            }
            log.error({ err: error }, 'api key exchange failed');
            res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'API key check failed.' });
          }
        });
        // The token is the credential: its holder learns only whether it still stands.
        app.post(TOKEN_STATE_PATH, async (req, res) => {
          try {
            const token = bearerToken(req.headers.authorization);
            if (!token) throw new UnauthenticatedError('Send the access token as "Authorization: Bearer <token>".');
            res.json(await tokenState(services, revocationClaimsOf(await readToken(token))));
          } catch (error) {
            if (error instanceof DomainError) {
              res.status(401).json({ code: error.code, message: error.message });
              return;
            }
            // The database away for a moment (a restart): the caller answers SERVICE_UNAVAILABLE, not a fault.
            if (isTemporaryOutage(error)) {
              res
                .status(503)
                .set('Retry-After', '5')
                .json({ code: 'SERVICE_UNAVAILABLE', message: 'Token check unavailable.' });
              return;
            }
            log.error({ err: error }, 'token state check failed');
            res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Token check failed.' });
          }
        });
      },
    };
  },
});
