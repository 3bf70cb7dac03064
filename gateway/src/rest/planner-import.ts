// POST /api/v1/planner/keywords/import/: a keyword file into a sector. A multipart upload is
// streamed straight through to the planner's raw import route (never held in memory here, saved
// there batch by batch as it arrives); a JSON body ({csv} or {keywords}) goes through GraphQL.
import type { Readable } from 'node:stream';
import { KEYWORD_FILE_MAX_BYTES } from '@igny8/planner/import';
import busboy from 'busboy';
import type { Request, Response, Router } from 'express';
import { Client, type Dispatcher } from 'undici';
import type { CredentialResolver } from '../credentials.js';
import { RestFailure, STATUS_BY_CODE, sendData } from './envelope.js';
import { RestImportKeywordsDocument } from './gql/graphql.js';
import { custom, mountRoutes } from './kit/routes.js';
import type { OperationRunner } from './runner.js';

/** Upload size at most (the file part): the planner's own limit on its import route. */
export const MAX_UPLOAD_BYTES = KEYWORD_FILE_MAX_BYTES;
// The planner subgraph's raw import route (subgraphs/planner/src/import-route.ts).
const PLANNER_IMPORT_PATH = '/imports/keywords';
// Room for the form's boundaries, headers and small fields around the file part.
const FORM_OVERHEAD_BYTES = 64 * 1024;
// The planner answers once the whole file is saved: a long wait for headers is expected.
const IMPORT_ANSWER_TIMEOUT_MS = 10 * 60_000;
const PLACE_FIELDS = ['site_id', 'sector_id'] as const;

export interface KeywordImportReport {
  rows: number;
  added: number;
  duplicates: number;
  rejected: number;
  rejectedRows: { line: number; keyword: string | null; reason: string }[];
  limitReached: boolean;
}

export interface KeywordImportOptions {
  /** The planner subgraph's GraphQL URL; its raw import route is on the same origin. */
  /** The planner subgraph's GraphQL URL; uploads go to its origin. Absent: the gateway serves no planner. */
  plannerGraphqlUrl: string | undefined;
  credentials: CredentialResolver;
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

const tooLarge = () =>
  new RestFailure(
    413,
    `The file is larger than ${megabytes(MAX_UPLOAD_BYTES)}: split it into smaller files and import each ` +
      '(rows of this file read before the limit may have been added; importing them again adds nothing twice).',
    { file: [`must be at most ${megabytes(MAX_UPLOAD_BYTES)}`] },
  );

/** The planner's `{ code, message, fields }` answer as the REST error it stands for. */
function plannerFailure(status: number, answer: unknown): RestFailure {
  const { code, message, fields } = (answer ?? {}) as { code?: string; message?: string; fields?: unknown };
  return new RestFailure(
    (code && STATUS_BY_CODE[code]) || status,
    message ?? `The planner answered ${status}.`,
    fields && typeof fields === 'object' ? (fields as Record<string, string[]>) : undefined,
  );
}

/**
 * Pipes the file to the planner's import route and returns its report. One connection per upload,
 * closed once the answer is read: the planner may answer before the end of the file (no keyword
 * column, a refused caller), and a connection left half-way through a request body stays open.
 */
async function sendToPlanner(
  url: URL,
  file: Readable,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<KeywordImportReport> {
  const connection = new Client(url.origin, { headersTimeout: IMPORT_ANSWER_TIMEOUT_MS });
  try {
    let response: Dispatcher.ResponseData;
    try {
      response = await connection.request({
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' },
        body: file,
        signal,
      });
    } catch {
      if (signal.aborted) throw signal.reason;
      throw new RestFailure(503, 'The planner is unavailable right now; try the import again shortly.', undefined, 5);
    }
    const answer: unknown = await response.body.json().catch(() => undefined);
    if (response.statusCode !== 200) throw plannerFailure(response.statusCode, answer);
    return answer as KeywordImportReport;
  } finally {
    await connection.destroy();
  }
}

/**
 * Reads the form as it arrives: `site_id` and `sector_id` fields first (they name where the rows
 * go before any row is read), then the `file` part, piped to the planner as it streams in.
 */
function importUpload(
  req: Request,
  res: Response,
  target: URL,
  headers: Record<string, string>,
): Promise<KeywordImportReport> {
  return new Promise<KeywordImportReport>((resolve, reject) => {
    const fields: Record<string, string> = {};
    const upstream = new AbortController();
    let fileSeen = false;
    let settled = false;
    // Once the answer is known, the rest of the upload is read and dropped so the client can take it.
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      req.unpipe(form);
      req.resume();
      outcome();
    };
    const fail = (failure: unknown) => settle(() => reject(failure));
    // The client went away: the planner stops reading too (batches saved so far stay, once each).
    res.on('close', () => {
      if (!res.writableFinished) upstream.abort(new RestFailure(499, 'The client closed the connection.'));
    });

    const form = busboy({
      headers: req.headers,
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 5, fields: 20, fieldSize: 1024 },
    });
    form.on('field', (name, value) => {
      fields[name] = value;
    });
    form.on('file', (name, file) => {
      if (name !== 'file' || fileSeen) {
        file.resume();
        return;
      }
      fileSeen = true;
      const missing = PLACE_FIELDS.filter((field) => !fields[field]);
      if (missing.length) {
        file.resume();
        fail(
          new RestFailure(
            400,
            `${missing.join(' and ')} must be sent as form fields before the file part: the rows are saved as they ` +
              'arrive, so where they go must be known first.',
            Object.fromEntries(missing.map((field) => [field, ['must be a form field before the file part']])),
          ),
        );
        return;
      }
      // Busboy cuts the file at the limit and would end it as if complete: the planner must not
      // take a cut file for the whole one.
      file.on('limit', () => {
        const failure = tooLarge();
        upstream.abort(failure);
        fail(failure);
      });
      const url = new URL(target);
      url.searchParams.set('siteId', fields.site_id!);
      url.searchParams.set('sectorId', fields.sector_id!);
      sendToPlanner(url, file, headers, upstream.signal).then((report) => settle(() => resolve(report)), fail);
    });
    form.on('close', () => {
      if (!fileSeen) {
        fail(new RestFailure(400, 'Send the CSV file as a form part named "file".', { file: ['is required'] }));
      }
    });
    form.on('error', (error: Error) => {
      upstream.abort(error);
      fail(new RestFailure(400, `The upload could not be read as multipart/form-data: ${error.message}`));
    });
    req.pipe(form);
  });
}

const importMessage = (r: KeywordImportReport) =>
  `${r.added} keyword${r.added === 1 ? '' : 's'} added, ${r.duplicates} duplicate${r.duplicates === 1 ? '' : 's'}, ${r.rejected} rejected.`;

export function mountKeywordImportRoute(router: Router, graph: OperationRunner, options: KeywordImportOptions): void {
  const target = options.plannerGraphqlUrl ? new URL(PLANNER_IMPORT_PATH, options.plannerGraphqlUrl) : null;

  // 200, not 201: the answer is a report of what the import did, not one new resource.
  mountRoutes(router, graph, [
    custom({
      method: 'post',
      // import_keywords/: the original's name.
      path: ['/planner/keywords/import/', '/planner/keywords/import_keywords/'],
      restNames: { list: 'keywords' },
      async handle(call, res) {
        const { req } = call;
        let report: KeywordImportReport;
        if (req.is('multipart/form-data')) {
          const credential = await options.credentials.forRequest(req);
          if (!credential) {
            throw new RestFailure(401, 'Authentication required: send "Authorization: Bearer <token>" or an API key.');
          }
          if (!target) throw new RestFailure(503, 'This gateway has no planner subgraph to import keywords into.');
          const declared = Number(req.headers['content-length']);
          if (declared > MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES) throw tooLarge();
          report = await importUpload(req, res, target, {
            authorization: `Bearer ${credential.accessToken}`,
            'x-request-id': String(req.headers['x-request-id']),
          });
        } else {
          const { body } = call;
          // The original sends a list of keywords; GraphQL takes them one per line.
          const list = Array.isArray(body.keywords) ? body.keywords.join('\n') : body.keywords;
          const data = await call.run(RestImportKeywordsDocument, {
            input: { site_id: body.site_id, sector_id: body.sector_id, csv: body.csv, list },
          });
          report = data.importKeywords;
        }
        sendData(res, report, 200, importMessage(report));
      },
    }),
  ]);
}
