import type { Database } from '@igny8/db';
import type {
  AiProvider,
  FileStorage,
  FileUrlSigner,
  JobRuntime,
  Logger,
  Mailer,
  PublicLinks,
  RevocationFeed,
} from '@igny8/lib';
import type { SystemConfig } from '../config.js';
import type { SigningKeys } from '../keys.js';
import type { AccountAiProviders } from './ai.js';
import type { AiSecretBox } from './ai-secrets.js';
import type { AuthLimiter } from './rate-limits.js';

/** What the system domain needs, built once per process by server.ts. */
export interface SystemServices {
  database: Database;
  keys: SigningKeys;
  config: SystemConfig;
  limiter: AuthLimiter;
  log: Logger;
  /** Starts this subgraph's jobs (its workers run them) and reads them back. */
  jobs: JobRuntime;
  /** The platform default from the environment; work for an account uses `aiProviders`. */
  ai: AiProvider;
  /** Each account's provider from its AI settings, or the platform default. */
  aiProviders: AccountAiProviders;
  /** Encrypts the API keys accounts store in their AI settings. */
  aiSecrets: AiSecretBox;
  /** Generated images, under DATA_DIR/files. */
  files: FileStorage;
  /** Signs the `/files/system/…` URLs the gateway passes through to this subgraph. */
  fileUrls: FileUrlSigner;
  /** Invitations and password resets: over SMTP, or into the outbox under DATA_DIR. */
  mailer: Mailer;
  /** Every link in a mail or an answer starts at PUBLIC_URL. */
  links: PublicLinks;
  /**
   * The process's token revocations. A domain function that revoked access (role, removal,
   * password, sign-out, API key) awaits `flush()` before answering: see revocations.ts.
   */
  revocations: RevocationFeed;
}
