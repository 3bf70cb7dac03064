// Gateway overhead benchmark on the production build (`npm run bench` builds first).
//
// Starts gateway/dist/all-in-one.js (the bundled `npm start` process: system subgraph on
// SYSTEM_PORT + gateway on PORT), signs in as the demo user, then measures one authenticated
// query sent (a) through the gateway and (b) straight to the system subgraph, alternating
// A/B/A/B with a warm-up before each measured run. Prints req/s, p50 and p99 for each side and
// the gateway/direct ratio, and writes bench/results/latest.json.
//
// Then a two-hop cross-subgraph list (bench/two-hop.mjs): 50 keywords with their site's and
// cluster's names through the gateway against the planner's own list without them.
//
// Then, on the same process, live progress fan-out (bench/progress.mjs): the latency of job events
// from the worker's write to graphql-ws clients subscribed to `jobUpdates`, with 1 subscriber and
// with BENCH_SUBSCRIBERS, while real Thinker test-image jobs run. `npm run bench` then runs
// bench/queue.ts (job runtime throughput, PostgreSQL vs PGlite), which adds to the same file.
//
// Knobs (env): BENCH_CONNECTIONS (16), BENCH_DURATION (10 s), BENCH_WARMUP (3 s before each run),
// BENCH_FIRST_WARMUP (5 s per side once at the start, so round 1 does not pay for JIT tiering), BENCH_ROUNDS (2),
// DATABASE_URL (PostgreSQL instead of a throwaway PGlite directory), NODE_OPTIONS (passed on);
// for progress: BENCH_SUBSCRIBERS (1000), BENCH_PROGRESS_JOBS (30 per phase, plus a probe; each
// costs the demo account 5 of its 2,000 credits), BENCH_PROGRESS_CONCURRENCY (2 jobs at a time:
// the system subgraph runs 2 workers).
// Besides req/s it reports the platform process's CPU time per request (/proc), which other load
// on the machine disturbs far less than req/s.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { measureProgress } from './progress.mjs';
import { measureTwoHop } from './two-hop.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(root, 'gateway/dist/all-in-one.js');
const RESULTS = join(root, 'bench/results/latest.json');

// Read through an alias: these are the bench's knobs, not build inputs turbo should hash.
const ENV = process.env;
const CONNECTIONS = Number(ENV.BENCH_CONNECTIONS ?? 16);
const DURATION = Number(ENV.BENCH_DURATION ?? 10);
const WARMUP = Number(ENV.BENCH_WARMUP ?? 3);
const FIRST_WARMUP = Number(ENV.BENCH_FIRST_WARMUP ?? 5);
const ROUNDS = Number(ENV.BENCH_ROUNDS ?? 2);
const SUBSCRIBERS = Number(ENV.BENCH_SUBSCRIBERS ?? 1000);
const PROGRESS_JOBS = Number(ENV.BENCH_PROGRESS_JOBS ?? 30);
const PROGRESS_CONCURRENCY = Number(ENV.BENCH_PROGRESS_CONCURRENCY ?? 2);
const QUERY = '{ me { id email } account { name plan { slug } } }';
const DEMO = { email: 'demo@igny8.local', password: 'demo-password-1' };

let child;
let dataDir;
let childOutput = '';

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function startPlatform(port, systemPort, plannerPort) {
  const env = {
    PATH: ENV.PATH,
    HOME: ENV.HOME,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    PORT: String(port),
    HOST: '127.0.0.1',
    SYSTEM_PORT: String(systemPort),
    SYSTEM_HOST: '127.0.0.1',
    PLANNER_PORT: String(plannerPort),
    PLANNER_HOST: '127.0.0.1',
    WEB_DIST: '',
    // The gateway's GraphQL rate limits (a few hundred operations a minute per account and per IP)
    // would refuse nearly all of a benchmark's load: raised out of reach, still counted on every
    // operation, so their cost stays in the figures.
    GRAPHQL_RATE_LIMIT_PER_ACCOUNT: '1000000000',
    GRAPHQL_RATE_LIMIT_PER_IP: '1000000000',
  };
  // For experiments such as NODE_OPTIONS=--max-semi-space-size=32 (the bench process gets them too).
  if (ENV.NODE_OPTIONS) env.NODE_OPTIONS = ENV.NODE_OPTIONS;
  if (ENV.DATABASE_URL) {
    env.DATABASE_URL = ENV.DATABASE_URL;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'igny8-bench-'));
    env.DATA_DIR = dataDir;
  }
  child = spawn(process.execPath, [ENTRY], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk) => {
    childOutput = (childOutput + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return child;
}

async function waitUntilUp(base, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`all-in-one exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/v1/system/ping/`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`the platform did not answer ${base}/api/v1/system/ping/ within ${timeoutMs / 1000} s`);
}

async function login(base) {
  const res = await fetch(`${base}/api/v1/auth/login/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO),
  });
  const body = await res.json();
  const token = body?.data?.access;
  if (!res.ok || typeof token !== 'string') throw new Error(`login failed (${res.status}): ${JSON.stringify(body)}`);
  return token;
}

function target(name, url, token) {
  return {
    name,
    url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY }),
  };
}

/** One request with fetch: the answer must be data without errors; autocannon then expects that exact body. */
async function probe(t) {
  const res = await fetch(t.url, { method: 'POST', headers: t.headers, body: t.body });
  const text = await res.text();
  const json = JSON.parse(text);
  if (!res.ok || json.errors || !json.data?.me?.email || !json.data?.account?.plan?.slug) {
    throw new Error(`${t.name} answered ${res.status}: ${text}`);
  }
  return { text, data: json.data };
}

function cannon(t, duration, expectBody) {
  return autocannon({
    url: t.url,
    method: 'POST',
    headers: t.headers,
    body: t.body,
    connections: CONNECTIONS,
    duration,
    expectBody,
  });
}

/** CPU seconds the platform process has used so far (Linux /proc; null elsewhere). */
function childCpuSeconds() {
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime (fields 14 and 15 of stat), in clock ticks (USER_HZ = 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function summarise(result, cpuSeconds) {
  return {
    requests: result.requests.total,
    seconds: result.duration,
    // Completed requests over the measured time (autocannon's per-second average rounds its samples).
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    // Server CPU per request: robust against other load on the machine, unlike req/s.
    cpuMsPerRequest: cpuSeconds === null ? null : (cpuSeconds * 1000) / Math.max(1, result.requests.total),
  };
}

async function stopPlatform() {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const done = await Promise.race([exited.then(() => true), sleep(12_000).then(() => false)]);
    if (!done) {
      child.kill('SIGKILL');
      await exited;
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
}

// Last resort: never leave the platform running behind us.
process.on('exit', () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    stopPlatform().finally(() => process.exit(130));
  });
}

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main() {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` first (npm run bench does).`);
  const port = await freePort();
  let systemPort = await freePort();
  while (systemPort === port) systemPort = await freePort();
  let plannerPort = await freePort();
  while (plannerPort === port || plannerPort === systemPort) plannerPort = await freePort();
  const gatewayBase = `http://127.0.0.1:${port}`;
  const systemBase = `http://127.0.0.1:${systemPort}`;

  const loadBefore = loadavg()[0];
  const started = performance.now();
  startPlatform(port, systemPort, plannerPort);
  await waitUntilUp(gatewayBase);
  const bootMs = Math.round(performance.now() - started);
  const token = await login(gatewayBase);

  const sides = [target('gateway', `${gatewayBase}/graphql`, token), target('direct', `${systemBase}/graphql`, token)];
  const expected = {};
  for (const t of sides) expected[t.name] = await probe(t);
  if (JSON.stringify(expected.gateway.data) !== JSON.stringify(expected.direct.data)) {
    throw new Error(`gateway and subgraph disagree: ${expected.gateway.text} vs ${expected.direct.text}`);
  }

  console.log(
    `bench: ${QUERY}\n  ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per run, ${ROUNDS} rounds A/B, ` +
      `database ${ENV.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, platform up in ${bootMs} ms\n`,
  );

  const runs = { gateway: [], direct: [] };
  if (FIRST_WARMUP > 0) for (const t of sides) await cannon(t, FIRST_WARMUP, expected[t.name].text);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of sides) {
      if (WARMUP > 0) await cannon(t, WARMUP, expected[t.name].text);
      const cpuBefore = childCpuSeconds();
      const result = await cannon(t, DURATION, expected[t.name].text);
      const cpuAfter = childCpuSeconds();
      const s = summarise(result, cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore);
      runs[t.name].push(s);
      const bad = s.errors + s.timeouts + s.non2xx + s.mismatches;
      console.log(
        `  round ${round} ${t.name.padEnd(7)} ${fmt(s.rps, 0).padStart(7)} req/s  p50 ${fmt(s.p50, 0).padStart(3)} ms  ` +
          `p99 ${fmt(s.p99, 0).padStart(3)} ms` +
          `${s.cpuMsPerRequest === null ? '' : `  cpu ${fmt(s.cpuMsPerRequest, 2)} ms/req`}${bad ? `  (${bad} failed: ${JSON.stringify(s)})` : ''}`,
      );
      if (bad) throw new Error(`${t.name}: ${bad} requests failed or answered something else`);
    }
  }

  const total = (name) => {
    const r = runs[name];
    return {
      rps: r.reduce((a, s) => a + s.requests, 0) / r.reduce((a, s) => a + s.seconds, 0),
      p50: mean(r.map((s) => s.p50)),
      p99: mean(r.map((s) => s.p99)),
      cpuMsPerRequest: r.some((s) => s.cpuMsPerRequest === null) ? null : mean(r.map((s) => s.cpuMsPerRequest)),
    };
  };
  const gateway = total('gateway');
  const direct = total('direct');
  const ratio = (gateway.rps / direct.rps) * 100;
  // What the ratio would be on an otherwise idle machine with the server CPU-bound.
  const cpuRatio =
    gateway.cpuMsPerRequest && direct.cpuMsPerRequest ? (direct.cpuMsPerRequest / gateway.cpuMsPerRequest) * 100 : null;
  const loadAfter = loadavg()[0];

  console.log('');
  console.log('  side      req/s      p50      p99   server cpu/req');
  for (const [name, s] of [
    ['gateway', gateway],
    ['direct', direct],
  ]) {
    console.log(
      `  ${name.padEnd(7)} ${fmt(s.rps, 0).padStart(7)} ${fmt(s.p50, 1).padStart(6)} ms ${fmt(s.p99, 1).padStart(6)} ms` +
        (s.cpuMsPerRequest === null ? '' : `   ${fmt(s.cpuMsPerRequest, 2)} ms`),
    );
  }
  console.log(`\n  gateway / direct: ${fmt(ratio, 1)} % of the direct req/s  (goal ≥ 80 %)`);
  if (cpuRatio !== null)
    console.log(`  by server CPU per request: ${fmt(cpuRatio, 1)} %  (direct cpu/req ÷ gateway cpu/req)`);
  if (Math.max(loadBefore, loadAfter) > cpus().length + 1) {
    console.log(
      `  note: load average ${fmt(loadBefore, 1)} → ${fmt(loadAfter, 1)} on ${cpus().length} cores: other work ran, req/s are noisy`,
    );
  }
  console.log('');

  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const results = {
    date: new Date().toISOString(),
    commit,
    node: process.version,
    cpus: cpus().length,
    database: ENV.DATABASE_URL ? 'postgres' : 'pglite',
    query: QUERY,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    warmupSeconds: WARMUP,
    firstWarmupSeconds: FIRST_WARMUP,
    rounds: ROUNDS,
    bootMs,
    runs,
    gateway,
    direct,
    ratioPercent: Number(ratio.toFixed(1)),
    cpuRatioPercent: cpuRatio === null ? null : Number(cpuRatio.toFixed(1)),
    loadAverage: { before: loadBefore, after: loadAfter },
  };
  // Written now too, so the gateway figures survive a failure of what follows.
  writeResults(results);

  results.twoHop = await measureTwoHop({
    gatewayBase,
    plannerBase: `http://127.0.0.1:${plannerPort}`,
    token: await login(gatewayBase),
    connections: CONNECTIONS,
    duration: DURATION,
    warmup: WARMUP,
    rounds: ROUNDS,
    serverCpuSeconds: childCpuSeconds,
  });
  writeResults(results);

  // Live progress fan-out on the same platform process, with a fresh token (they last 15 minutes).
  const progressLoadBefore = loadavg()[0];
  results.progress = await measureProgress({
    base: gatewayBase,
    token: await login(gatewayBase),
    subscribers: SUBSCRIBERS,
    jobs: PROGRESS_JOBS,
    concurrency: PROGRESS_CONCURRENCY,
    serverCpuSeconds: childCpuSeconds,
  });
  const progressLoadAfter = loadavg()[0];
  results.progress.loadAverage = { before: progressLoadBefore, after: progressLoadAfter };
  if (Math.max(progressLoadBefore, progressLoadAfter) > cpus().length + 1) {
    console.log(
      `  note: load average ${fmt(progressLoadBefore, 1)} → ${fmt(progressLoadAfter, 1)} on ${cpus().length} cores: ` +
        'other work ran, latencies are noisy\n',
    );
  }
  writeResults(results);
  console.log(`  results: ${RESULTS}`);
}

function writeResults(results) {
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
}

try {
  await main();
  await stopPlatform();
} catch (error) {
  console.error(`bench failed: ${error instanceof Error ? error.message : error}`);
  if (child && (child.exitCode !== null || child.signalCode !== null)) {
    console.error(`the all-in-one process had ended: exit code ${child.exitCode}, signal ${child.signalCode}`);
  }
  if (childOutput) console.error(`--- all-in-one output (tail) ---\n${childOutput.slice(-4000)}`);
  await stopPlatform();
  process.exitCode = 1;
}
