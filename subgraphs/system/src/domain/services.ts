import type { Database } from '@igny8/db';
import type { Logger } from '@igny8/lib';
import type { SystemConfig } from '../config.js';
import type { SigningKeys } from '../keys.js';
import type { AuthLimiter } from './rate-limits.js';

/** What the system domain needs, built once per process by server.ts. */
export interface SystemServices {
  database: Database;
  keys: SigningKeys;
  config: SystemConfig;
  limiter: AuthLimiter;
  log: Logger;
}
