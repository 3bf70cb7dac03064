// Runs the planner subgraph alone (docker-compose, or one service per process).
import { startPlanner } from './server.js';

const server = await startPlanner();
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
