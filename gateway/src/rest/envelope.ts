// The REST envelope of SPEC.md ("unified API standard") and the mapping of error codes to statuses.
// The one place that shapes answers: routes hand it camelCase data whose enum values the kit has
// already lower-cased from the schema (kit/casing.ts); here names become snake_case.
import { HTTP_STATUS_BY_CODE } from '@igny8/lib';
import type { Request, Response } from 'express';
import { toRestField, toRestNames } from './kit/casing.js';

export const STATUS_BY_CODE: Record<string, number> = {
  ...HTTP_STATUS_BY_CODE,
  GRAPHQL_VALIDATION_FAILED: 400,
  GRAPHQL_PARSE_FAILED: 400,
  BAD_REQUEST: 400,
};

/** A failure to answer in the error envelope. */
export class RestFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

const requestIdOf = (res: Response): string => String(res.getHeader('x-request-id') ?? '');

export function sendData(res: Response, data: unknown, status = 200, message?: string): void {
  res.status(status).json({
    success: true,
    data: toRestNames(data),
    ...(message ? { message } : {}),
    request_id: requestIdOf(res),
  });
}

export function sendNoContent(res: Response): void {
  res.status(204).end();
}

export function sendList(
  req: Request,
  res: Response,
  items: unknown[],
  count: number,
  page: { page: number; pageSize: number },
): void {
  const link = (n: number) => {
    const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host')}`);
    url.searchParams.set('page', String(n));
    url.searchParams.set('page_size', String(page.pageSize));
    return url.toString();
  };
  res.json({
    success: true,
    count,
    next: page.page * page.pageSize < count ? link(page.page + 1) : null,
    previous: page.page > 1 ? link(page.page - 1) : null,
    results: toRestNames(items),
    request_id: requestIdOf(res),
  });
}

export function sendFailure(res: Response, failure: RestFailure): void {
  if (failure.retryAfter) res.set('Retry-After', String(failure.retryAfter));
  const errors = failure.fields
    ? Object.fromEntries(Object.entries(failure.fields).map(([field, messages]) => [toRestField(field), messages]))
    : undefined;
  res.status(failure.status).json({
    success: false,
    error: failure.message,
    ...(errors && Object.keys(errors).length ? { errors } : {}),
    request_id: requestIdOf(res),
  });
}
