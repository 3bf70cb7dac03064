// `npm start`: the whole platform in one process — migrate, create keys, seed once, boot every
// subgraph on a loopback port, then the gateway (with the web app) on PORT.
import { createDatabase } from '@igny8/db';
import { createLogger } from '@igny8/lib';
import { DEMO_LOGIN, loadSystemConfig, startSystem } from '@igny8/system';
import { loadGatewayConfig, startGateway } from './server.js';

const systemConfig = loadSystemConfig({ ...process.env, SYSTEM_PORT: process.env.SYSTEM_PORT ?? '0' });
const gatewayConfig = loadGatewayConfig();
const log = createLogger('igny8', gatewayConfig.LOG_LEVEL);

const database = createDatabase({
  url: systemConfig.DATABASE_URL,
  dataDir: `${systemConfig.DATA_DIR}/pglite`,
});
await database.migrate();

const system = await startSystem({ config: systemConfig, database, log: log.child({ service: 'system' }) });
const gateway = await startGateway({
  config: gatewayConfig,
  log: log.child({ service: 'gateway' }),
  urls: { system: system.url },
});

const where = systemConfig.DATABASE_URL ? 'PostgreSQL' : `embedded PGlite in ${systemConfig.DATA_DIR}/pglite`;
console.log(`\n  IGNY8 is running at ${gateway.url}  (database: ${where})`);
if (system.seededDemo || process.env.SEED_DEMO !== 'false') {
  console.log(`  Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}\n`);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await gateway.close();
  await system.close();
  await database.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
