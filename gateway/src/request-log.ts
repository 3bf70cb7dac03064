// One log line per finished request, with the request id, and `req.log` for error paths.
// pino-http built a child logger and serialisers for every request whether or not anything was
// logged (about a tenth of the gateway's CPU per request in the benchmark); this does the work
// only when the line is written, and makes the child logger only when an error path asks for it.
import type { Logger } from '@igny8/lib';
import type { NextFunction, Request, Response } from 'express';

declare module 'express-serve-static-core' {
  interface Request {
    /** This request's logger (bound to its request id). */
    log: Logger;
  }
}

export function requestLogger(log: Logger, ignore: (path: string) => boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = String(req.headers['x-request-id']);
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      get: () => {
        child ??= log.child({ requestId });
        return child;
      },
    });
    if (ignore(req.path)) return next();
    const started = performance.now();
    res.once('finish', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : 'info';
      if (!log.isLevelEnabled(level)) return;
      log[level](
        {
          requestId,
          req: { method: req.method, url: req.originalUrl },
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - started),
        },
        'request completed',
      );
    });
    next();
  };
}
