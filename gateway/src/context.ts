// What the gateway knows about one request (forwarded to subgraphs as headers), and its HTTP form.
import type { Logger } from '@igny8/lib';
import type { Credential } from './credentials.js';

export interface GatewayContext {
  requestId: string;
  clientIp: string;
  credential?: Credential | undefined;
  log: Logger;
}

/**
 * The context of an HTTP request. Its logger is the request's own (`req.log`, bound to the request
 * id), made only when something logs: a child logger per request costs more than most requests log.
 */
export class HttpRequestContext implements GatewayContext {
  constructor(
    readonly requestId: string,
    readonly clientIp: string,
    readonly credential: Credential | undefined,
    private readonly request: { readonly log: Logger },
  ) {}

  get log(): Logger {
    return this.request.log;
  }
}
