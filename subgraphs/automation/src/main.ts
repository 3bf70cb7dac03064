// Runs the automation subgraph alone (docker-compose, or one service per process).
import { startAutomation } from './server.js';

const server = await startAutomation();
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
