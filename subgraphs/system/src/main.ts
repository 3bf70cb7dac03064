// Runs the system subgraph alone (docker-compose, or one service per process).
import { startSystem } from './server.js';

const server = await startSystem();
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
