// Live progress fan-out: how long a job event takes from the worker's write to a graphql-ws
// client's `next`, with 1 subscriber and with 1,000, against the running all-in-one process.
//
// Each phase opens its clients (graphql-ws over `ws`, authenticated in connection_init), waits for
// every connection_ack, subscribes each to `jobUpdates` (every change to the account's jobs,
// answered by the gateway from the NOTIFY payload alone), then starts one probe job: only when
// every subscriber has received an event of it do we know all subscriptions are live (the
// protocol has no per-subscription acknowledgement). The probe's events are not measured. Then it
// starts real Thinker test-image jobs through the API, a few at a time, and records for every
// delivered event of those jobs: Date.now() when `next` fires − Date.parse(updatedAt), the job
// row's clock_timestamp() when the worker wrote (and, in the same transaction, published) that
// change — the same machine's clock. The row's first event (QUEUED) carries the insert
// transaction's start instead, a fraction of a millisecond earlier.
//
// Expected deliveries = the distinct events of the measured jobs that any subscriber saw × the
// subscribers; the difference to what arrived are losses. The 1,000 clients live in this one
// Node process, so their own message handling (on the same 2 cores as the server) is part of the
// figure, as it would not be for 1,000 browsers.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const SUBSCRIPTION = 'subscription { jobUpdates { id status progress step updatedAt } }';
const START_JOB =
  'mutation StartTestImage($input: GenerateTestImageInput!) { generateTestImage(input: $input) { id } }';
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
/** Sockets opened at once; the rest wait (the server's accept backlog is finite). */
const CONNECT_BATCH = 100;
const PROBE_TIMEOUT_MS = 60_000;
const JOB_TIMEOUT_MS = 120_000;
/** After the last job ended: how long without any delivery counts as "everything arrived". */
const QUIET_MS = 1500;
const DRAIN_TIMEOUT_MS = 30_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function graphql(base, token, query, variables) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (!res.ok || body.errors?.length) {
    const e = body.errors?.[0];
    throw new Error(`${query.slice(0, 60)}… answered ${res.status}: ${e ? `${e.extensions?.code}: ${e.message}` : ''}`);
  }
  return body.data;
}

/** Nearest-rank percentile of an ascending array. */
const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] : null;

async function openClients(url, token, count) {
  const clients = [];
  for (let first = 0; first < count; first += CONNECT_BATCH) {
    const batch = [];
    for (let i = first; i < Math.min(count, first + CONNECT_BATCH); i++) {
      batch.push(
        new Promise((resolve, reject) => {
          const client = createClient({
            url,
            webSocketImpl: WebSocket,
            connectionParams: { authorization: `Bearer ${token}` },
            lazy: false,
            retryAttempts: 0,
            onNonLazyError: (error) => reject(new Error(`client ${i} could not connect: ${describe(error)}`)),
            on: { connected: () => resolve(client) },
          });
          clients.push(client);
        }),
      );
    }
    await Promise.all(batch);
  }
  return clients;
}

const describe = (error) =>
  error instanceof Error ? error.message : error?.code ? `closed ${error.code} ${error.reason ?? ''}` : String(error);

/** One phase: `count` subscribers, one probe job, then `jobs` measured jobs, `concurrency` at a time. */
async function phase({ base, wsUrl, token, count, jobs, concurrency, serverCpuSeconds }) {
  const probeSeen = new Uint8Array(count);
  const subscriptionErrors = [];
  // Every delivery, classified once the measured job ids are known (an event can beat the mutation's answer).
  const deliveries = [];
  const terminal = new Map();
  const waiting = new Map();
  let lastDelivery = Date.now();
  let probeId = null;
  let onProbe = () => {};
  // Counted as they arrive (cheaply), so waiting for stragglers costs the clients no CPU.
  let counting = false;
  let counted = 0;
  const countedKeys = new Set();

  const clients = await openClients(wsUrl, token, count);
  clients.forEach((client, sub) => {
    client.subscribe(
      { query: SUBSCRIPTION },
      {
        next: (message) => {
          const receivedAt = Date.now();
          lastDelivery = receivedAt;
          const job = message.data?.jobUpdates;
          if (!job) {
            subscriptionErrors.push(JSON.stringify(message.errors ?? message));
            return;
          }
          deliveries.push({ sub, job, receivedAt });
          if (counting && job.id !== probeId) {
            counted++;
            countedKeys.add(eventKey(job));
          }
          if (job.id === probeId && !probeSeen[sub]) {
            probeSeen[sub] = 1;
            onProbe();
          }
          if (TERMINAL.has(job.status) && !terminal.has(job.id)) {
            terminal.set(job.id, job.status);
            waiting.get(job.id)?.();
          }
        },
        error: (error) => subscriptionErrors.push(describe(error)),
        complete: () => {},
      },
    );
  });

  const startJob = async (n) => {
    const data = await graphql(base, token, START_JOB, {
      input: { prompt: `Benchmark image ${n}: a lighthouse on a rocky coast at dusk`, size: '1024x1024' },
    });
    return data.generateTestImage.id;
  };
  const untilTerminal = (id) =>
    new Promise((resolve, reject) => {
      if (terminal.has(id)) return resolve();
      const timer = setTimeout(
        () => reject(new Error(`job ${id} did not end within ${JOB_TIMEOUT_MS / 1000} s`)),
        JOB_TIMEOUT_MS,
      );
      waiting.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
    });

  try {
    // The probe: every subscriber receiving one of its events proves its subscription is live.
    const probeStarted = Date.now();
    const allProbed = new Promise((resolve) => {
      onProbe = () => {
        if (probeSeen.every(Boolean)) resolve();
      };
    });
    probeId = await startJob('probe');
    onProbe();
    let probeTimer;
    await Promise.race([allProbed, new Promise((r) => (probeTimer = setTimeout(r, PROBE_TIMEOUT_MS)))]);
    clearTimeout(probeTimer);
    await untilTerminal(probeId);
    const confirmed = probeSeen.reduce((a, b) => a + b, 0);
    const probeMs = Date.now() - probeStarted;
    if (subscriptionErrors.length)
      throw new Error(`subscriptions failed: ${subscriptionErrors.slice(0, 3).join(' | ')}`);

    const cpuBefore = serverCpuSeconds();
    const ownCpuBefore = process.cpuUsage();
    const started = Date.now();
    counting = true;
    const measured = new Set();
    let next = 0;
    const slot = async () => {
      while (next < jobs) {
        const id = await startJob(next++);
        measured.add(id);
        await untilTerminal(id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs) }, slot));
    const jobsEnded = Date.now();
    // Stragglers: wait until deliveries stop (each subscriber's last events may still be on the way).
    while (
      counted < countedKeys.size * count &&
      Date.now() - lastDelivery < QUIET_MS &&
      Date.now() - jobsEnded < DRAIN_TIMEOUT_MS
    ) {
      await sleep(50);
    }
    const ended = Date.now();
    const cpuAfter = serverCpuSeconds();
    const ownCpu = process.cpuUsage(ownCpuBefore);

    const mine = deliveries.filter((d) => measured.has(d.job.id));
    const keys = new Set(mine.map((d) => eventKey(d.job)));
    const eventsPerJob = new Map();
    for (const key of keys) {
      const id = key.slice(0, key.indexOf('|'));
      eventsPerJob.set(id, (eventsPerJob.get(id) ?? 0) + 1);
    }
    const seen = new Set();
    let duplicates = 0;
    for (const d of mine) {
      const k = `${d.sub}|${eventKey(d.job)}`;
      if (seen.has(k)) duplicates++;
      seen.add(k);
    }
    const latencies = Float64Array.from(mine, (d) => d.receivedAt - Date.parse(d.job.updatedAt)).sort();
    const perJob = [...eventsPerJob.values()];
    const statuses = {};
    for (const id of measured) statuses[terminal.get(id)] = (statuses[terminal.get(id)] ?? 0) + 1;
    const expected = keys.size * count;
    return {
      subscribers: count,
      subscribedConfirmed: confirmed,
      probeMs,
      jobs,
      concurrency,
      jobStatuses: statuses,
      distinctEvents: keys.size,
      eventsPerJob: { min: Math.min(...perJob), max: Math.max(...perJob) },
      expected,
      delivered: mine.length,
      lost: expected - (mine.length - duplicates),
      duplicates,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.length ? latencies[latencies.length - 1] : null,
      mean: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : null,
      seconds: (ended - started) / 1000,
      jobsSeconds: (jobsEnded - started) / 1000,
      serverCpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
      clientCpuSeconds: (ownCpu.user + ownCpu.system) / 1e6,
    };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}

/** One event of one job: the job's state at one change. */
const eventKey = (job) => `${job.id}|${job.updatedAt}|${job.status}|${job.progress}|${job.step}`;

const fmt = (n, digits = 0) =>
  n === null ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Measures the phases (1 subscriber first as the baseline, then `subscribers`) and prints them.
 * `serverCpuSeconds` reads the platform process's CPU time (null when unknown).
 */
export async function measureProgress({ base, token, subscribers, jobs, concurrency, serverCpuSeconds }) {
  const wsUrl = `${base.replace(/^http/, 'ws')}/graphql`;
  const { creditBalance } = await graphql(base, token, '{ creditBalance { available } }');
  console.log(
    `progress: ${SUBSCRIPTION}\n  worker publish (row updatedAt) → client \`next\`; ${jobs} test-image jobs ` +
      `${concurrency} at a time per phase, after a probe job; ${fmt(creditBalance.available)} credits available\n`,
  );
  const phases = [];
  console.log('  subscribers        delivered/expected   lost    p50    p95    p99    max   jobs took');
  for (const count of [1, subscribers]) {
    const r = await phase({ base, wsUrl, token, count, jobs, concurrency, serverCpuSeconds });
    phases.push(r);
    const ms = (n) => `${fmt(n)} ms`.padStart(6);
    console.log(
      `  ${fmt(r.subscribers).padStart(11)} ${`${fmt(r.delivered)}/${fmt(r.expected)}`.padStart(25)} ` +
        `${fmt(r.lost).padStart(6)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${ms(r.max)} ${fmt(r.jobsSeconds, 1).padStart(9)} s`,
    );
    console.log(
      `              (${r.distinctEvents} events: ${r.jobs} jobs ${JSON.stringify(r.jobStatuses)}, ` +
        `${r.eventsPerJob.min === r.eventsPerJob.max ? r.eventsPerJob.min : `${r.eventsPerJob.min}–${r.eventsPerJob.max}`} each; ` +
        `${fmt(r.subscribedConfirmed)}/${fmt(r.subscribers)} subscriptions shown live by the probe in ${fmt(r.probeMs)} ms)`,
    );
  }
  const [one, many] = phases;
  const ratio = (a, b) => (a && b ? a / b : null);
  // What one more delivery costs: the same jobs ran in both phases, so the difference is the fan-out.
  const marginal = (key) =>
    one[key] === null || many[key] === null || many.delivered === one.delivered
      ? null
      : ((many[key] - one[key]) * 1e6) / (many.delivered - one.delivered);
  const summary = {
    subscription: SUBSCRIPTION,
    phases,
    p50Ratio: ratio(many.p50, one.p50),
    p95Ratio: ratio(many.p95, one.p95),
    serverCpuMicrosecondsPerDelivery: marginal('serverCpuSeconds'),
    clientCpuMicrosecondsPerDelivery: marginal('clientCpuSeconds'),
  };
  console.log(
    `\n  ${fmt(subscribers)} subscribers / 1: p50 ×${fmt(summary.p50Ratio, 1)}, p95 ×${fmt(summary.p95Ratio, 1)}` +
      `; CPU per extra delivery: server ${fmt(summary.serverCpuMicrosecondsPerDelivery)} µs, ` +
      `bench-side client ${fmt(summary.clientCpuMicrosecondsPerDelivery)} µs\n`,
  );
  return summary;
}
