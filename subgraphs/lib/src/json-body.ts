// Request bodies in JSON, read one way by the gateway and every subgraph: a size limit, and a
// nesting limit checked on the raw bytes before anything walks the parsed value (case conversion,
// variable coercion and JSON scalars all recurse, and a 400,000-deep array overflows the stack).
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';

/** Arrays and objects inside each other at most this deep, in a body or in GraphQL variables. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/** True when the JSON text nests arrays and objects deeper than `limit` (one pass, no recursion). */
export function jsonTextTooDeep(bytes: Uint8Array, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth--;
  }
  return false;
}

/** True when a parsed value nests arrays and objects deeper than `limit` (no recursion). */
export function jsonValueTooDeep(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (!item || typeof item !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

export const tooDeepMessage = (limit = MAX_JSON_DEPTH) =>
  `The JSON is nested more than ${limit} levels deep; send flatter data.`;

const TOO_DEEP = 'entity.too.deep';

/**
 * express.json with the nesting limit: a body nested deeper than MAX_JSON_DEPTH is refused with a
 * 400 error (`type` 'entity.too.deep', the message says what to fix) before it is parsed.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = express.json({
    limit,
    verify: (_req, _res, bytes) => {
      if (jsonTextTooDeep(bytes)) throw Object.assign(new Error(tooDeepMessage()), { type: TOO_DEEP });
    },
  });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      // body-parser answers a refusal in `verify` with 403; this one is a bad request.
      if (isTooDeep(error)) Object.assign(error, { status: 400, statusCode: 400, expose: true });
      next(error);
    });
}

/** The error `jsonBody` passes on for a body nested too deep. */
export const isTooDeep = (error: unknown): error is Error =>
  !!error && typeof error === 'object' && (error as { type?: unknown }).type === TOO_DEEP;

/**
 * The last handler of a server: unreadable bodies (malformed, too large, nested too deep) and
 * anything else that escaped a route answer JSON in the GraphQL error shape, never express's HTML
 * page or a stack trace, whatever NODE_ENV the process runs with. `log` records the 500s.
 */
export function unreadableBodyHandler(log: (error: Error, req: express.Request) => void): ErrorRequestHandler {
  return (error: Error & { status?: number }, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log(error, req);
    const message =
      status === 500
        ? 'Something went wrong on our side; it has been logged.'
        : status === 413
          ? 'The request body is too large.'
          : isTooDeep(error)
            ? error.message
            : 'The request body could not be read: send JSON.';
    res.status(status).json({
      errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }],
    });
  };
}
