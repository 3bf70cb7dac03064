// What the browser suites share: the real platform (every subgraph and the gateway, serving a
// fresh build of the app, on loopback ports over a test database; the AI provider a local server
// speaking the OpenAI protocol), headless Chromium, and the steps a test signs in and looks with.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openTestDatabase, type TestDatabase } from '@igny8/db/testing';
import { createJobEventSource, createLogger, type JobEventSource } from '@igny8/lib';
import {
  graphqlClient,
  type OpenAiProtocolServer,
  type OpenAiProtocolServerOptions,
  PASSWORD,
  registerOwner,
  startOpenAiProtocolServer,
} from '@igny8/lib/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { describe, expect, it, onTestFailed, onTestFinished } from 'vitest';
import { type RunningSubgraphs, startSubgraphs } from '../../gateway/src/platform.js';
import { loadGatewayConfig, type RunningGateway, startGateway } from '../../gateway/src/server.js';

/** Debian's package; CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const MISSING_CHROMIUM = `Chromium is not installed at ${CHROMIUM}: run \`apt-get update && apt-get install -y chromium\``;

export const HAS_CHROMIUM = existsSync(CHROMIUM);
export { PASSWORD };
/** Makes this run's e-mail addresses and account names unique on a shared database. */
export const stamp = `${Date.now().toString(36)}-${process.pid}`;

const webDir = resolve(import.meta.dirname, '..');

/**
 * Without Chromium a suite is skipped (`describe.skipIf(!HAS_CHROMIUM)`): on CI that is a failure,
 * anywhere else a warning.
 */
export function requireChromium(suite: string): void {
  if (HAS_CHROMIUM) return;
  if (process.env.CI) {
    describe(suite, () => {
      it('needs Chromium', () => {
        throw new Error(MISSING_CHROMIUM);
      });
    });
  } else {
    console.warn(`Skipping "${suite}". ${MISSING_CHROMIUM}.`);
  }
}

/** Builds the app as `npm run build` does, so a test never runs a stale bundle. */
async function buildWebApp() {
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(webDir, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export interface BrowserPlatform {
  url: string;
  db: TestDatabase;
  dataDir: string;
  /** This run's pg-boss schema: a suite's own job workers use it too. */
  queueSchema: string;
  subgraphs: RunningSubgraphs;
  jobEvents: JobEventSource;
  ai: OpenAiProtocolServer;
  gateway: RunningGateway;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts everything a browser suite talks to; `close()` stops what was started, in reverse. */
export async function startBrowserPlatform({
  name,
  ai: aiOptions = {},
  system = {},
}: {
  /** Names the suite's data directory and job queue. */
  name: string;
  ai?: OpenAiProtocolServerOptions;
  /** More settings of the system subgraph (e.g. the platform operator's account). */
  system?: Record<string, string>;
}): Promise<BrowserPlatform> {
  const started: { close: () => Promise<unknown> }[] = [];
  const close = async () => {
    for (const running of started.reverse()) await running.close();
  };
  try {
    await buildWebApp();
    const dataDir = mkdtempSync(join(tmpdir(), `igny8-${name}-`));
    started.push({ close: async () => rmSync(dataDir, { recursive: true, force: true }) });
    const db = await openTestDatabase();
    started.push(db);
    // Its own job queue (every subgraph and the suite's workers): on a shared PostgreSQL database,
    // no other suite's workers run these jobs.
    const queueSchema = `pgboss_${name.replaceAll('-', '_')}_${process.pid}_${Date.now().toString(36)}`;
    const common = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, JOB_QUEUE_SCHEMA: queueSchema };
    const log = createLogger('test', 'silent');
    const ai = await startOpenAiProtocolServer(aiOptions);
    started.push(ai);
    const jobEvents = createJobEventSource(db.database);
    started.push(jobEvents);
    const subgraphs = await startSubgraphs({
      database: db.database,
      log,
      env: common,
      overrides: {
        system: {
          SEED_DEMO: 'false',
          AUTH_LIMIT_PER_IP: '100000',
          LOGIN_LIMIT_PER_EMAIL: '100000',
          AI_PROVIDER: 'openai',
          OPENAI_BASE_URL: ai.baseUrl,
          OPENAI_API_KEY: ai.apiKey,
          ...system,
        },
      },
      // No PUBLIC_URL: links start where the gateway below listens, as under `npm start`.
      publicUrl: () => gateway.url,
    });
    started.push(subgraphs);
    const gateway = await startGateway({
      config: loadGatewayConfig({ ...common, HOST: '127.0.0.1', WEB_DIST: join(webDir, 'dist') }),
      port: 0,
      urls: subgraphs.urls,
      log,
      jobEvents,
      revocations: subgraphs.revocations,
    });
    started.push(gateway);
    const { url } = gateway;
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    started.push(browser);
    return { url, db, dataDir, queueSchema, subgraphs, jobEvents, ai, gateway, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A fresh browser context's page; a failed test leaves a screenshot of it and says where. */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  // The app must run under its Content-Security-Policy: any violation fails the test.
  const violations: string[] = [];
  await context.exposeBinding('reportCspViolation', (_source, text: string) => {
    violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  onTestFinished(() => {
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  onTestFailed(async () => {
    const file = join(tmpdir(), `igny8-web-failure-${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(`Browser test failed on ${page.url()}; screenshot: ${file}`);
  });
  return page;
}

/** Saves a screenshot when WEB_TEST_SCREENSHOTS names a directory (to look at the UI). */
export async function snapshot(page: Page, name: string) {
  const dir = process.env.WEB_TEST_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

export const waitForPath = (page: Page, path: string) => page.waitForURL((u) => u.pathname === path);

export const textOf = (page: Page, selector: string, text: string) =>
  page.locator(selector).filter({ hasText: text }).first().waitFor();

/** POST /graphql on the platform at `url`. */
export const gql = <T = any>(url: string, query: string, variables: Record<string, unknown>, token?: string) =>
  graphqlClient(url)<T>(query, variables, token);

export const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken account { id } } }`;

/** A new account and its owner, through the API (the sign-up page has a test of its own). */
export async function registerAccount(
  url: string,
  owner: { email: string; name: string; accountName: string },
): Promise<{ accountId: string; userId: string }> {
  const { accountId, userId } = await registerOwner(graphqlClient(url), owner.accountName, owner);
  return { accountId, userId };
}

/** Signs in on the login page and waits for the app to open on the sites. */
export async function signIn(page: Page, url: string, email: string, password = PASSWORD) {
  await page.goto(`${url}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForPath(page, '/sites');
}
