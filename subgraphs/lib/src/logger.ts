import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/**
 * The process logger: JSON lines, level from LOG_LEVEL, secrets redacted. `destination` defaults
 * to stdout (tests pass an in-memory stream to read the lines back).
 */
export function createLogger(
  name: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options = {
    name,
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        '*.password',
        '*.refreshToken',
        '*.accessToken',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
