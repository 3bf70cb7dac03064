// Runs the gateway alone (docker-compose): subgraph URLs come from the environment.
import { startGateway } from './server.js';

const gateway = await startGateway();
const stop = async () => {
  await gateway.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
