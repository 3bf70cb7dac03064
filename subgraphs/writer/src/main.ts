// Runs the writer subgraph alone (docker-compose, or one service per process).
import { startWriter } from './server.js';

const server = await startWriter();
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
