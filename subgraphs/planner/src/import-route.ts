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
import { importKeywords } from './domain/keyword-import.js';
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

/**
 * The request body as chunks, without destroying the request when the reader stops early: a
 * destroyed request takes its socket along, and the refusal could not be answered on it.
 */
function undestroyedBody(req: Request): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      const chunks = req[Symbol.asyncIterator]();
      return {
        next: () => chunks.next(),
        return: async () => ({ done: true, value: undefined }),
      };
    },
  };
}

export function mountKeywordImportRoute(app: Express, s: PlannerServices, verify: AccessTokenVerifier, log: Logger) {
  app.post(KEYWORD_IMPORT_PATH, async (req: Request, res: Response) => {
    const requestId = String(req.headers[REQUEST_ID_HEADER] ?? '');
    try {
      const token = bearerToken(req.headers.authorization);
      if (!token) throw new UnauthenticatedError();
      const principal = await verify(token);
      if (!hasRole(principal, 'editor') || !principal.scopes.includes('write')) {
        throw new ForbiddenError('Your role does not allow this. Ask an account owner or admin.');
      }
      const report = await importKeywords(s, callerFrom(principal, requestId, new Map()), placeOf(req), {
        kind: 'csv',
        data: undestroyedBody(req),
      });
      res.json(report);
    } catch (error) {
      // The import stopped before the end of the body (a file it refuses): the answer goes out now,
      // the rest of the body is read and dropped, and the connection is not kept for another request.
      if (!req.complete) res.set('Connection', 'close');
      req.resume();
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
