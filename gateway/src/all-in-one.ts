// `npm start`: the whole platform in one process — migrate, create keys, seed once, boot every
// subgraph on a loopback port, then the gateway (with the web app) on PORT.
import { createDatabase } from '@igny8/db';
import { createJobEventSource, createLogger } from '@igny8/lib';
import { DEMO_LOGIN, loadSystemConfig } from '@igny8/system';
import { startSubgraphs } from './platform.js';
import { loadGatewayConfig, startGateway } from './server.js';

// Once whoever read our output has gone, writes to stdout fail with EPIPE: that must neither end
// nor stall the platform (the logger drops its lines then; see stdoutDestination).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const systemConfig = loadSystemConfig({ ...process.env, SYSTEM_PORT: process.env.SYSTEM_PORT ?? '0' });
const gatewayConfig = loadGatewayConfig();
const log = createLogger('igny8', gatewayConfig.LOG_LEVEL);

const database = createDatabase({
  url: systemConfig.DATABASE_URL,
  dataDir: `${systemConfig.DATA_DIR}/pglite`,
});
await database.migrate();

// Links point at the gateway started below, on whatever port it gets, unless PUBLIC_URL says otherwise.
const subgraphs = await startSubgraphs({ database, log, env: process.env, publicUrl: () => gateway.url });
const { system } = subgraphs;
// One LISTEN for the whole process: the gateway's subscriptions fan job events out from it.
const jobEvents = createJobEventSource(database, log.child({ component: 'job-events' }));
const gateway = await startGateway({
  config: gatewayConfig,
  log: log.child({ service: 'gateway' }),
  urls: subgraphs.urls,
  jobEvents,
  revocations: subgraphs.revocations,
});

// Stop in order: the gateway drains (no new requests reach the subgraphs), then the subgraphs
// drain, then the database closes (PGlite flushes its files; an unclosed instance can lose the
// last writes and keeps the process alive). A second signal, or 8 s, forces the exit: an operator
// gets the process back within 10 s whatever state stdout is in.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    log.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  }
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    log.error('shutdown took over 8 s: exiting anyway');
    process.exit(1);
  }, 8_000);
  force.unref();
  const started = performance.now();
  try {
    await gateway.close();
    await subgraphs.close();
    await jobEvents.close();
    await database.close();
    log.info({ ms: Math.round(performance.now() - started) }, 'stopped; database closed');
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

// Announced once the signal handlers are in place: whoever reads this may stop us at once.
const where = systemConfig.DATABASE_URL ? 'PostgreSQL' : `embedded PGlite in ${systemConfig.DATA_DIR}/pglite`;
console.log(`\n  IGNY8 is running at ${gateway.url}  (database: ${where})`);
if (system.seededDemo || (systemConfig.SEED_DEMO ?? systemConfig.NODE_ENV !== 'production')) {
  console.log(`  Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}\n`);
}
