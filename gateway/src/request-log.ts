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

const ROOT_LOG = Symbol('igny8.rootLog');
const CHILD_LOG = Symbol('igny8.childLog');
type LoggedRequest = Request & { [ROOT_LOG]?: Logger; [CHILD_LOG]?: Logger };

/**
 * `req.log` as one getter on the request prototype (express's `app.request`), not a property
 * defined on each request: an accessor defined per object gives every request its own hidden
 * class, which turns every later property access on it (router, body parser, Apollo) megamorphic.
 */
function defineLogGetter(prototype: object) {
  if (Object.hasOwn(prototype, 'log')) return;
  Object.defineProperty(prototype, 'log', {
    configurable: true,
    get(this: LoggedRequest): Logger | undefined {
      const root = this[ROOT_LOG];
      if (!root) return undefined;
      this[CHILD_LOG] ??= root.child({ requestId: String(this.headers['x-request-id']) });
      return this[CHILD_LOG];
    },
  });
}

export function requestLogger(log: Logger, ignore: (path: string) => boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = String(req.headers['x-request-id']);
    defineLogGetter(Object.getPrototypeOf(req) as object);
    (req as LoggedRequest)[ROOT_LOG] = log;
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
