// What a REST request carries besides its path: query parameters (given once, comma lists, whole
// numbers, booleans, ordering), the page asked for, the JSON body and bulk `ids`. Each refuses a
// wrong value with a 400 naming the parameter.
import type { Request } from 'express';
import { RestFailure } from '../envelope.js';

/** The JSON body as an object, or a 400 that says so. */
export function bodyOf(req: Request): Record<string, unknown> {
  const body = req.body as unknown;
  if (body === undefined) return {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new RestFailure(400, 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

export interface Page {
  page: number;
  pageSize: number;
  /** Relay arguments for a connection: the page's size and the offset cursor before it. */
  first: number;
  after?: string;
}

/** `?page=` and `?page_size=` (bounded), as the original API takes them. */
export function pageOf(req: Request, maxPageSize = 100): Page {
  const page = Number(req.query.page ?? 1);
  const pageSize = Number(req.query.page_size ?? 20);
  if (!Number.isInteger(page) || page < 1)
    throw new RestFailure(400, 'page must be a whole number from 1.', { page: ['must be ≥ 1'] });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    throw new RestFailure(400, `page_size must be between 1 and ${maxPageSize}.`, {
      page_size: [`must be 1–${maxPageSize}`],
    });
  }
  const offset = (page - 1) * pageSize;
  return {
    page,
    pageSize,
    first: pageSize,
    ...(offset > 0 ? { after: Buffer.from(`OffsetConnection:${offset - 1}`).toString('base64') } : {}),
  };
}

/** `?ordering=field` / `-field` → a GraphQL order input; the order enums are the REST names upper-cased. */
export interface Ordering {
  /** REST field names a client may order by. */
  fields: readonly string[];
  /** Used when the client gives none (`-created_at`); without it GraphQL's default applies. */
  default?: string;
}

export class QueryParams {
  constructor(private readonly req: Request) {}

  /** A parameter given once (empty counts as absent). */
  text(name: string): string | undefined {
    const value = this.req.query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string')
      throw new RestFailure(400, `${name} must be given once.`, { [name]: ['is repeated'] });
    return value;
  }

  /** `?name=a,b` or `?name=a&name=b`: the values given, or undefined for none. */
  list(name: string): string[] | undefined {
    const raw = this.req.query[name];
    if (raw === undefined) return undefined;
    const values = (Array.isArray(raw) ? raw : [raw])
      .flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
      .map((v) => v.trim())
      .filter(Boolean);
    return values.length ? values : undefined;
  }

  int(name: string): number | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isSafeInteger(value)) {
      throw new RestFailure(400, `${name} must be a whole number.`, { [name]: ['must be a whole number'] });
    }
    return value;
  }

  bool(name: string): boolean | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    if (text !== 'true' && text !== 'false') {
      throw new RestFailure(400, `${name} must be true or false.`, { [name]: ['must be true or false'] });
    }
    return text === 'true';
  }

  /** `?ordering=` among `ordering.fields`, as `{ field, direction }` (REST case: the kit upper-cases enums). */
  ordering(ordering: Ordering): { field: string; direction: 'asc' | 'desc' } | undefined {
    const given = this.text('ordering') ?? ordering.default;
    if (given === undefined) return undefined;
    const name = given.replace(/^-/, '');
    if (!ordering.fields.includes(name)) {
      const choices = ordering.fields.flatMap((f) => [f, `-${f}`]).join(', ');
      throw new RestFailure(400, `ordering must be one of ${choices}.`, { ordering: ['is not supported'] });
    }
    return { field: name, direction: given.startsWith('-') ? 'desc' : 'asc' };
  }
}

/** `ids` of a bulk action: a non-empty list of ids, or a 400 naming it. */
export function idsOf(body: Record<string, unknown>, name = 'ids'): string[] {
  const ids = body[name];
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' || typeof id === 'number')) {
    throw new RestFailure(400, `${name} must be a non-empty list of ids.`, {
      [name]: ['must be a non-empty list of ids'],
    });
  }
  return ids.map(String);
}

/** A required text field of a body, or a 400 naming it. */
export function requiredText(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || !value)
    throw new RestFailure(400, `${field} is required.`, { [field]: ['is required'] });
  return value;
}

/** "3 keywords" / "1 keyword". */
export const counted = (n: number, singular: string) => `${n} ${singular}${n === 1 ? '' : 's'}`;

/** A field a body must carry (any JSON value but null), or a 400 naming it. */
export function requiredField(body: Record<string, unknown>, field: string): unknown {
  if (body[field] === undefined || body[field] === null)
    throw new RestFailure(400, `${field} is required.`, { [field]: ['is required'] });
  return body[field];
}
