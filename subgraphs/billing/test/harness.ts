// Boots the real system and billing subgraphs on random loopback ports over one test database
// (PGlite clone, or PostgreSQL at DATABASE_URL), sharing a service secret as deployed services do.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@igny8/db';
import { openTestDatabase } from '@igny8/db/testing';
import {
  createLogger,
  createServiceClient,
  createServiceCredentials,
  SERVICE_HEADER,
  type ServiceClient,
} from '@igny8/lib';
import { type Gql, type Session as KitSession, PASSWORD, registerOwner, uniqueEmail } from '@igny8/lib/testing';
import { loadSystemConfig, type SystemServer, startSystem } from '@igny8/system';
import { type BillingServer, loadBillingConfig, startBilling } from '../src/server.js';

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export type Session = Omit<KitSession, 'refreshToken'>;

export interface TestBilling {
  system: SystemServer;
  billing: BillingServer;
  database: Database;
  /** The platform operator (developer role), signed in. */
  operator: Session;
  /** POST to the billing subgraph, as the gateway would forward a user's request. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  /** POST to the billing subgraph as another subgraph, with a service token. */
  serviceGql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** POST to the system subgraph. */
  systemGql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  /** A service client of billing, as the job runtime of another subgraph holds one. */
  billingClient: ServiceClient;
  /** Registers a fresh account (free plan) and returns its owner's session. */
  registerOwner(accountName?: string): Promise<Session>;
  close(): Promise<void>;
}

export { PASSWORD, uniqueEmail };

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GqlResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

const bearer = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

export async function startTestBilling(): Promise<TestBilling> {
  const db = await openTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'igny8-billing-'));
  const log = createLogger('test', 'silent');
  const serviceSecret = randomBytes(32).toString('base64url');
  const common = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, SERVICE_SECRET: serviceSecret };
  const operatorEmail = uniqueEmail('operator');

  const system = await startSystem({
    config: loadSystemConfig({
      ...common,
      SEED_DEMO: 'false',
      AUTH_LIMIT_PER_IP: '100000',
      LOGIN_LIMIT_PER_EMAIL: '100000',
      SUPERUSER_EMAIL: operatorEmail,
      SUPERUSER_PASSWORD: PASSWORD,
    }),
    database: db.database,
    port: 0,
    log,
  });
  const billing = await startBilling({
    config: loadBillingConfig(common),
    database: db.database,
    port: 0,
    log,
    systemUrl: system.url,
  });

  const credentials = createServiceCredentials(new TextEncoder().encode(serviceSecret), 'test-jobs');
  const systemGql = (query: string, variables?: Record<string, unknown>, token?: string) =>
    post(system.url, { query, variables }, bearer(token));

  const login = await systemGql(
    `mutation($input: LoginInput!) { login(input: $input) { accessToken user { id accountId } } }`,
    { input: { email: operatorEmail, password: PASSWORD } },
  );
  if (login.errors) throw new Error(`operator login failed: ${JSON.stringify(login.errors)}`);
  const operator: Session = {
    email: operatorEmail,
    token: login.data.login.accessToken,
    userId: login.data.login.user.id,
    accountId: login.data.login.user.accountId,
  };

  return {
    system,
    billing,
    database: db.database,
    operator,
    gql: (query, variables, token) => post(billing.url, { query, variables }, bearer(token)),
    serviceGql: async (query, variables) =>
      post(billing.url, { query, variables }, { [SERVICE_HEADER]: await credentials.token() }),
    systemGql,
    billingClient: createServiceClient({ url: billing.url, target: 'billing', credentials, log }),
    registerOwner: (accountName = 'Billing Test Agency') => registerOwner(systemGql as Gql, accountName),
    async close() {
      await billing.close();
      await system.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** GraphQL documents the suites share. */
export const BALANCE = `{ creditBalance { accountId balance reserved available planCredits bonusCredits } }`;
export const TRANSACTIONS = `query($type: CreditTransactionType, $first: Int) {
  creditTransactions(type: $type, first: $first) {
    totalCount
    edges { node { id type amount balanceAfter description referenceId createdById metadata } }
  }
}`;
export const HOLD_FIELDS = 'accountId jobId operation credits chargedCredits status settledAt';
export const RESERVE = `mutation($input: ReserveCreditsInput!) { reserveCredits(input: $input) { ${HOLD_FIELDS} } }`;
export const CAPTURE = `mutation($input: CaptureCreditsInput!) { captureCredits(input: $input) { ${HOLD_FIELDS} } }`;
export const RELEASE = `mutation($input: ReleaseCreditsInput!) { releaseCredits(input: $input) { ${HOLD_FIELDS} } }`;
export const ADJUST = `mutation($input: AdjustCreditsInput!) {
  adjustCredits(input: $input) { id type amount balanceAfter description createdById }
}`;
