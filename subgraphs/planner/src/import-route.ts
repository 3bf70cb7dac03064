// POST /imports/keywords?siteId=…&sectorId=…: a CSV file as the raw request body, parsed and
// saved as it streams in (the gateway pipes a REST multipart upload here), so a 100,000-row file
// is never held in memory. Answers the import report, or `{ code, message, fields }`.
import {
  type AccessTokenVerifier,
  BadUserInputError,
  bearerToken,
  callerFrom,
  DomainError,
  ForbiddenError,
  HTTP_STATUS_BY_CODE,
  hasRole,
  type Logger,
  REQUEST_ID_HEADER,
  UnauthenticatedError,
} from '@igny8/lib';
import type { Express, Request, Response } from 'express';
import { importKeywords, KEYWORD_FILE_MAX_BYTES } from './domain/keyword-import.js';
import type { PlannerServices } from './domain/services.js';
import { uuid } from './domain/validation.js';

export const KEYWORD_IMPORT_PATH = '/imports/keywords';

function placeOf(req: Request) {
  const fields: Record<string, string[]> = {};
  const place: Record<string, string> = {};
  for (const name of ['siteId', 'sectorId'] as const) {
    const value = req.query[name];
    if (typeof value !== 'string' || !uuid.safeParse(value).success) fields[name] = ['must be an id'];
    else place[name] = value;
  }
  if (Object.keys(fields).length) throw new BadUserInputError('Choose the site and the sector to import into.', fields);
  return place as { siteId: string; sectorId: string };
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** A body over KEYWORD_FILE_MAX_BYTES (declared, or counted as it streams in). */
class FileTooLargeError extends Error {
  constructor() {
    super(
      `The file is larger than ${megabytes(KEYWORD_FILE_MAX_BYTES)}: split it into smaller files and import each ` +
        '(rows read before the limit may have been added; importing them again adds nothing twice).',
    );
  }
}

/**
 * The request body as chunks, counted against the byte limit, without destroying the request when
 * the reader stops early: a destroyed request takes its socket along, and the refusal could not be
 * answered on it. `received` tells how many bytes were read.
 */
function limitedBody(req: Request): AsyncIterable<Uint8Array> & { received: number } {
  const body = {
    received: 0,
    [Symbol.asyncIterator]() {
      const chunks = req[Symbol.asyncIterator]();
      return {
        async next() {
          const chunk = await chunks.next();
          if (!chunk.done) {
            body.received += chunk.value.length;
            if (body.received > KEYWORD_FILE_MAX_BYTES) throw new FileTooLargeError();
          }
          return chunk;
        },
        return: async () => ({ done: true as const, value: undefined }),
      };
    },
  };
  return body;
}

/**
 * The rest of a body the import stopped reading (a refusal, or the row limit) is read and dropped,
 * so the client can take the answer; past the byte limit the connection is cut once it is sent.
 */
function dropRest(req: Request, res: Response, received: number) {
  let dropped = received;
  const cut = () => {
    if (res.writableFinished) req.socket.destroy();
    else res.once('finish', () => req.socket.destroy());
  };
  if (dropped > KEYWORD_FILE_MAX_BYTES) {
    cut();
    return;
  }
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > KEYWORD_FILE_MAX_BYTES) cut();
  });
  req.resume();
}

export function mountKeywordImportRoute(app: Express, s: PlannerServices, verify: AccessTokenVerifier, log: Logger) {
  app.post(KEYWORD_IMPORT_PATH, async (req: Request, res: Response) => {
    const requestId = String(req.headers[REQUEST_ID_HEADER] ?? '');
    const body = limitedBody(req);
    try {
      // A declared length over the limit is refused before anything is read.
      if (Number(req.headers['content-length']) > KEYWORD_FILE_MAX_BYTES) throw new FileTooLargeError();
      const token = bearerToken(req.headers.authorization);
      if (!token) throw new UnauthenticatedError();
      const principal = await verify(token);
      if (!hasRole(principal, 'editor') || !principal.scopes.includes('write')) {
        throw new ForbiddenError('Your role does not allow this. Ask an account owner or admin.');
      }
      const report = await importKeywords(s, callerFrom(principal, requestId, new Map()), placeOf(req), {
        kind: 'csv',
        data: body,
      });
      if (!req.complete) {
        res.set('Connection', 'close');
        dropRest(req, res, body.received);
      }
      res.json(report);
    } catch (error) {
      // The import stopped before the end of the body (a file it refuses): the answer goes out now,
      // the rest of the body is dropped, and the connection is not kept for another request.
      if (!req.complete) {
        res.set('Connection', 'close');
        dropRest(req, res, body.received);
      }
      if (error instanceof FileTooLargeError) {
        res.status(413).json({
          code: 'PAYLOAD_TOO_LARGE',
          message: error.message,
          fields: { file: [`must be at most ${megabytes(KEYWORD_FILE_MAX_BYTES)}`] },
        });
        return;
      }
      if (error instanceof DomainError) {
        res
          .status(HTTP_STATUS_BY_CODE[error.code])
          .json({ code: error.code, message: error.message, ...error.extensions() });
        return;
      }
      log.error({ err: error, requestId }, 'keyword import failed');
      res
        .status(500)
        .json({ code: 'INTERNAL_SERVER_ERROR', message: 'The import failed on our side; it has been logged.' });
    }
  });
}
