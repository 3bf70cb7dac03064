import { writeSync } from 'node:fs';
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Standard output, written synchronously line by line (as pino's default does), except that once
 * stdout is gone — EPIPE when the process that read it has exited — lines are dropped. pino's
 * default (sonic-boom) retries every failed write forever when it flushes at exit, so a process
 * whose reader had gone could never finish shutting down. A full pipe (EAGAIN) is waited out.
 */
export function stdoutDestination(fd = 1): DestinationStream {
  let gone = false;
  return {
    write(line: string) {
      if (gone) return;
      const bytes = Buffer.from(line);
      let written = 0;
      while (written < bytes.length) {
        try {
          written += writeSync(fd, bytes, written);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN' || code === 'EBUSY') {
            Atomics.wait(pause, 0, 0, 10);
            continue;
          }
          gone = true;
          return;
        }
      }
    },
  };
}

/**
 * The process logger: JSON lines, level from LOG_LEVEL, secrets redacted. `destination` defaults
 * to stdout (`stdoutDestination`; tests pass an in-memory stream to read the lines back).
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
  return pino(options, destination ?? stdoutDestination());
}
