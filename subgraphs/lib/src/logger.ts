import { pino, type Logger } from 'pino';

export type { Logger };

/** The process logger: JSON lines, level from LOG_LEVEL, secrets redacted. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken', '*.secret'],
      censor: '[redacted]',
    },
  });
}
