import type { Logger } from '@igny8/lib';
import type { Credential } from './credentials.js';

/** What the gateway knows about one request; forwarded to subgraphs as headers. */
export interface GatewayContext {
  requestId: string;
  clientIp: string;
  credential?: Credential | undefined;
  log: Logger;
}
