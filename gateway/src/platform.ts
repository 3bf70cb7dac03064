// Every subgraph in this process, on loopback ports, over one database: what `npm start`, the
// benchmarks and the integration tests run. Subgraphs find each other through the URLs of this
// start (and take the system subgraph's public keys in-process instead of fetching the JWKS).

import { type AutomationServer, loadAutomationConfig, startAutomation } from '@igny8/automation';
import { type BillingServer, loadBillingConfig, startBilling } from '@igny8/billing';
import type { Database } from '@igny8/db';
import { createRevocationFeed, type Logger, type RevocationFeed } from '@igny8/lib';
import { loadPlannerConfig, type PlannerServer, startPlanner } from '@igny8/planner';
import { loadSystemConfig, type SystemServer, startSystem } from '@igny8/system';
import { loadWriterConfig, startWriter, type WriterServer } from '@igny8/writer';

type Env = Record<string, string | undefined>;

export interface SubgraphsOptions {
  database: Database;
  log: Logger;
  /** The process environment (or a test's): each subgraph reads its own variables from it. */
  env: Env;
  /** Per-subgraph variables on top of `env` (tests). */
  overrides?: { system?: Env; billing?: Env; automation?: Env; planner?: Env; writer?: Env };
  /**
   * The URL the gateway of this start serves the app at, once it listens: links in mails and
   * answers start there unless PUBLIC_URL is set.
   */
  publicUrl?: () => string;
}

export interface RunningSubgraphs {
  system: SystemServer;
  billing: BillingServer;
  automation: AutomationServer;
  planner: PlannerServer;
  writer: WriterServer;
  /** Subgraph name → GraphQL URL, for the gateway. */
  urls: Record<string, string>;
  /** The process's one LISTEN for token revocations: every subgraph's verifier, and the gateway's. */
  revocations: RevocationFeed;
  close(): Promise<void>;
}

/**
 * A subgraph listens on a random loopback port unless its port variable is set, and believes the
 * client address that the gateway beside it (on loopback) passes on — not the gateway's own
 * TRUST_PROXY, which names the proxies in front of the gateway.
 */
const withPort = (env: Env, key: string, extra: Env | undefined): Env => ({
  ...env,
  [key]: env[key] ?? '0',
  TRUST_PROXY: 'loopback',
  ...extra,
});

export async function startSubgraphs(options: SubgraphsOptions): Promise<RunningSubgraphs> {
  const { database, env, overrides = {} } = options;
  const revocations = createRevocationFeed(database, options.log.child({ component: 'revocations' }));
  const system = await startSystem({
    config: loadSystemConfig(withPort(env, 'SYSTEM_PORT', overrides.system)),
    database,
    log: options.log.child({ service: 'system' }),
    revocations,
    // Billing starts next; jobs reach it only once requests arrive.
    billingUrl: () => billing.url,
    publicUrl: options.publicUrl,
  });
  const jwks = system.services.keys.jwks;
  const billing = await startBilling({
    config: loadBillingConfig(withPort(env, 'BILLING_PORT', overrides.billing)),
    database,
    log: options.log.child({ service: 'billing' }),
    revocations,
    systemUrl: system.url,
    jwks,
  });
  const automation = await startAutomation({
    config: loadAutomationConfig(withPort(env, 'AUTOMATION_PORT', overrides.automation)),
    database,
    log: options.log.child({ service: 'automation' }),
    revocations,
    systemUrl: system.url,
    billingUrl: billing.url,
    jwks,
  });
  const planner = await startPlanner({
    config: loadPlannerConfig(withPort(env, 'PLANNER_PORT', overrides.planner)),
    database,
    log: options.log.child({ service: 'planner' }),
    revocations,
    systemUrl: system.url,
    billingUrl: billing.url,
    jwks,
  });
  const writer = await startWriter({
    config: loadWriterConfig(withPort(env, 'WRITER_PORT', overrides.writer)),
    database,
    log: options.log.child({ service: 'writer' }),
    revocations,
    systemUrl: system.url,
    billingUrl: billing.url,
    plannerUrl: planner.url,
    jwks,
  });
  return {
    system,
    billing,
    automation,
    planner,
    writer,
    urls: {
      system: system.url,
      billing: billing.url,
      automation: automation.url,
      planner: planner.url,
      writer: writer.url,
    },
    revocations,
    // The subgraphs drain in reverse order of start: nothing calls one that is already gone.
    async close() {
      await writer.close();
      await planner.close();
      await automation.close();
      await billing.close();
      await system.close();
      await revocations.close();
    },
  };
}
