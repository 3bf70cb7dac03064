// The one way a subgraph starts: `defineSubgraph` declares what is particular to it (name, schema,
// config, services, jobs, routes) and does the steps every subgraph shares — config and logger,
// the database, service credentials and clients, the access-token verifier, the HTTP server with
// its context, job workers, and a close that undoes all of it in reverse.
import type { Database } from '@igny8/db';
import type express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { type AccessTokenVerifier, createAccessTokenVerifier } from './auth.js';
import type { BaseConfig } from './config.js';
import { openServiceDatabase } from './database.js';
import { createBillingCreditHolds } from './jobs/billing-holds.js';
import type { JobDefinition } from './jobs/definition.js';
import { createJobRuntime, type JobRuntime } from './jobs/runtime.js';
import { createLogger } from './logger.js';
import {
  createRevocationCheck,
  createRevocationFeed,
  type RevocationFeed,
  tokenStateFromSystem,
} from './revocations.js';
import { type RunningServer, type SubgraphStartOptions, startSubgraph, withJobWorkers } from './server.js';
import {
  createServiceClient,
  createServiceCredentials,
  loadServiceSecret,
  type ServiceClient,
  type ServiceCredentials,
} from './service.js';

/** Another subgraph this one calls (with its service token). */
export type SubgraphTarget = 'system' | 'billing' | 'planner';

/** What the shared start-up steps hand a subgraph's `setup`. */
export interface SubgraphWiring<Config> {
  config: Config;
  log: Logger;
  database: Database;
  options: SubgraphStartOptions<Config>;
  /** The shared secret of service calls (SERVICE_SECRET, or the one generated into DATA_DIR/keys). */
  serviceSecret: Uint8Array;
  /** This subgraph's service credentials, signed with `serviceSecret`. */
  credentials: ServiceCredentials;
  /** The process's token revocations (LISTEN), for a subgraph that builds its own verifier. */
  revocations: RevocationFeed;
  /** A client of another subgraph, at the URL this start was given or the config's SYSTEM_URL / BILLING_URL / PLANNER_URL. */
  client(target: SubgraphTarget): ServiceClient;
  /**
   * The job runtime: credits held in billing, the queue in JOB_QUEUE_SCHEMA. Its workers start once
   * the server listens and stop when it closes (pass it back as `jobs`).
   */
  jobRuntime(jobs: readonly JobDefinition[], options?: { work?: boolean }): JobRuntime;
}

/** What a subgraph's `setup` answers. */
export interface SubgraphSetup<Services, Extra extends object = object> {
  /** Put on every request's context under the subgraph's name (`ctx.planner`). */
  services: Services;
  /** The job runtime whose workers run with the server. */
  jobs?: Pick<JobRuntime, 'start' | 'stop'>;
  /**
   * Verifies access tokens; default: the system subgraph's JWKS (in-process when given), and
   * revocations learnt from the feed, a miss asked of the system subgraph.
   */
  verify?: AccessTokenVerifier;
  /** HTTP routes beside /graphql, with the verifier the GraphQL endpoint uses. */
  routes?: (app: express.Express, verify: AccessTokenVerifier) => void;
  /** Fields added to the running server (the system subgraph's `seededDemo`). */
  extra?: Extra;
  /** Runs when the subgraph stops, after its server and workers, before its database closes. */
  close?: () => Promise<void>;
}

type ListenConfig<Name extends string> = Record<`${Uppercase<Name>}_PORT`, number> &
  Record<`${Uppercase<Name>}_HOST`, string>;

export interface SubgraphDefinition<
  Name extends string,
  Config extends BaseConfig & ListenConfig<Name>,
  Services,
  Extra extends object,
> {
  /** Also its context key, its logger's name and its config prefix (`PLANNER_PORT`, `PLANNER_HOST`). */
  name: Name;
  schema: GraphQLSchema;
  loadConfig: () => Config;
  /** Takes operations other subgraphs call with a service token (`@inaccessible`, service scope). */
  acceptsServiceCalls?: boolean;
  /** Builds the subgraph's services (and seeds what it must) once the shared steps are done. */
  setup: (wiring: SubgraphWiring<Config>) => Promise<SubgraphSetup<Services, Extra>>;
}

export type RunningSubgraph<Services, Extra extends object = object> = RunningServer & { services: Services } & Extra;

/** Declares a subgraph; the answer starts it (alone from its config, or by the all-in-one launcher and tests). */
export function defineSubgraph<
  Name extends string,
  Config extends BaseConfig & ListenConfig<Name>,
  Services,
  Extra extends object = object,
>(definition: SubgraphDefinition<Name, Config, Services, Extra>) {
  return async (options: SubgraphStartOptions<Config> = {}): Promise<RunningSubgraph<Services, Extra>> => {
    const { name } = definition;
    const config = options.config ?? definition.loadConfig();
    const log = options.log ?? createLogger(name, config.LOG_LEVEL);
    const opened = await openServiceDatabase(config, options.database);
    const { database } = opened;
    // The process's LISTEN when the launcher shares one, else this subgraph's own.
    const ownFeed = options.revocations
      ? undefined
      : createRevocationFeed(database, log.child({ component: 'revocations' }));
    const revocations = options.revocations ?? ownFeed!;
    // Released once: by close, or here when the start fails half-way (withJobWorkers releases too).
    let released: Promise<void> | undefined;
    const release = () => {
      released ??= (async () => {
        await ownFeed?.close();
        await opened.release();
      })();
      return released;
    };
    try {
      const serviceSecret = loadServiceSecret(config.DATA_DIR, config.SERVICE_SECRET);
      const credentials = createServiceCredentials(serviceSecret, name);
      const urls = config as { SYSTEM_URL?: string; BILLING_URL?: string; PLANNER_URL?: string };
      const given = { system: options.systemUrl, billing: options.billingUrl, planner: options.plannerUrl };
      const configured = { system: urls.SYSTEM_URL, billing: urls.BILLING_URL, planner: urls.PLANNER_URL };
      const urlOf = (target: SubgraphTarget) => {
        const url = given[target] ?? configured[target];
        if (!url) throw new Error(`The ${name} subgraph has no URL for ${target}: set ${target.toUpperCase()}_URL.`);
        return url;
      };
      const client = (target: SubgraphTarget) =>
        createServiceClient({ url: urlOf(target), target, credentials, log: log.child({ target }) });
      const setup = await definition.setup({
        config,
        log,
        database,
        options,
        serviceSecret,
        credentials,
        revocations,
        client,
        jobRuntime: (jobs, runtimeOptions = {}) =>
          createJobRuntime({
            database,
            // A runtime that only reads and cancels shares the service's connection; workers get a pool of their own.
            url: runtimeOptions.work === false ? undefined : config.DATABASE_URL,
            holds: createBillingCreditHolds(client('billing')),
            log,
            jobs,
            work: runtimeOptions.work,
            schema: config.JOB_QUEUE_SCHEMA,
          }),
      });
      const verify =
        setup.verify ??
        createAccessTokenVerifier({
          jwks: options.jwks,
          systemUrl: urlOf('system'),
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          revocations: createRevocationCheck({ feed: revocations, load: tokenStateFromSystem(urlOf('system')) }),
        });
      const listen = config as unknown as Record<string, unknown>;
      const prefix = name.toUpperCase();
      const server = await startSubgraph({
        name,
        schema: definition.schema,
        log,
        port: options.port ?? (listen[`${prefix}_PORT`] as number),
        host: listen[`${prefix}_HOST`] as string,
        verify,
        serviceCredentials: definition.acceptsServiceCalls ? credentials : undefined,
        extendContext: (base) => ({ ...base, [name]: setup.services }),
        health: () => database.ping(),
        limits: config,
        production: config.NODE_ENV === 'production',
        trustProxy: config.TRUST_PROXY,
        routes: setup.routes && ((app) => setup.routes!(app, verify)),
      });
      const finish = async () => {
        await setup.close?.();
        await release();
      };
      const running = setup.jobs
        ? await withJobWorkers(server, setup.jobs, finish)
        : {
            ...server,
            close: async () => {
              await server.close();
              await finish();
            },
          };
      return { ...running, services: setup.services, ...(setup.extra as Extra) };
    } catch (error) {
      await release();
      throw error;
    }
  };
}
