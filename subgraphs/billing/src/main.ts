// Runs the billing subgraph alone (docker-compose, or one service per process).
import { startBilling } from './server.js';

const server = await startBilling();
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
