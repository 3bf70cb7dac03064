// Runs a GraphQL operation through the gateway for a REST request, so REST clients get the same
// data, rules and errors as GraphQL clients.
import type { ApolloServer } from '@apollo/server';
import { DomainError, isTemporaryOutage, OUTAGE_RETRY_AFTER_SECONDS, outageMessage } from '@igny8/lib';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { GatewayContext } from '../context.js';
import { RestFailure, STATUS_BY_CODE, sendFailure } from './envelope.js';
import { enumValues } from './kit/schema.js';

export interface OperationRunner {
  /** `restNames` maps GraphQL argument names to the REST names the client sent (`refreshToken` → `refresh`). */
  run<T>(
    req: Request,
    query: string,
    variables?: Record<string, unknown>,
    restNames?: Record<string, string>,
  ): Promise<T>;
}

/** `ids.0` is renamed by its first part: `{ ids: 'id' }` makes it `id.0`. */
const renamed = (fields: Record<string, string[]> | undefined, names: Record<string, string>) =>
  fields &&
  Object.fromEntries(
    Object.entries(fields).map(([field, messages]) => {
      const [head, ...rest] = field.split('.');
      return [[names[head!] ?? head, ...rest].join('.'), messages];
    }),
  );

export function createOperationRunner(
  graph: ApolloServer<GatewayContext>,
  contextOf: (req: Request) => Promise<GatewayContext>,
): OperationRunner {
  return {
    async run<T>(req: Request, query: string, variables: Record<string, unknown> = {}, restNames = {}) {
      const contextValue = await contextOf(req);
      const response = await graph.executeOperation<Record<string, unknown>>({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('REST operations never stream');
      const { data, errors } = response.body.singleResult;
      const error = errors?.[0];
      if (error) {
        const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
        const fields = error.extensions?.fields as Record<string, string[]> | undefined;
        const coercion = code === 'BAD_USER_INPUT' && !fields ? variableCoercionFailure(error.message) : undefined;
        if (coercion) throw new RestFailure(400, coercion.message, renamed(coercion.fields, restNames));
        throw new RestFailure(
          STATUS_BY_CODE[code] ?? 500,
          error.message,
          renamed(fields, restNames),
          typeof error.extensions?.retryAfter === 'number' ? error.extensions.retryAfter : undefined,
        );
      }
      return data as T;
    },
  };
}

/**
 * A value of the wrong type (a number for a string, an unknown enum value, a missing field) is
 * refused by GraphQL variable coercion before any resolver runs, with a message such as
 * `Variable "$input" got invalid value 5 at "input.name"; String cannot represent …`. REST
 * clients get the field named, as for every other bad input.
 */
export function variableCoercionFailure(
  message: string,
): { message: string; fields: Record<string, string[]> } | undefined {
  const variable = /^Variable "\$(\w+)" got invalid value /.exec(message)?.[1];
  if (!variable) return undefined;
  const at = / at "(\w+(?:\.\w+|\[\d+\])*)"; /.exec(message);
  const detail = at ? message.slice(at.index + at[0].length) : message.slice(message.lastIndexOf('; ') + 2);
  // `input.sectors[0]` → `sectors`; a missing or unknown field is named in the detail instead.
  const path = at?.[1]
    ?.replace(/\[\d+\]/g, '')
    .split('.')
    .slice(1)
    .join('.');
  const named = /^Field "(\w+)" (?:of required type|is not defined)/.exec(detail)?.[1];
  const field = [path, named].filter(Boolean).join('.') || variable;
  const reason = restReason(detail);
  return { message: `${field}: ${reason}`, fields: { [field]: [reason] } };
}

/**
 * graphql-js's coercion detail in REST words. An unknown enum value is answered with the values the
 * field takes (as REST writes them), and no "Did you mean …?" is ever passed on: a suggestion guesses
 * at schema names, which production answers never reveal.
 */
function restReason(detail: string): string {
  const enumName =
    /^Value "[^"]*" does not exist in "(\w+)" enum\./.exec(detail)?.[1] ??
    /^Enum "(\w+)" cannot represent non-string value/.exec(detail)?.[1];
  if (enumName) return `must be one of: ${enumValues(enumName).join(', ')}`;
  return detail
    .replace(/ Did you mean .*$/, '')
    .replace(/^Field "\w+" of required type "[^"]+" was not provided\.?$/, 'is required')
    .replace(/^Field "\w+" is not defined by type "[^"]+"\.?$/, 'is not a known field');
}

/** Wraps a REST handler: failures become the error envelope, never an unhandled 500 page. */
export function handle(fn: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req: Request, res: Response, _next: NextFunction) => {
    fn(req, res).catch((error: unknown) => {
      if (error instanceof RestFailure) return sendFailure(res, error);
      if (error instanceof DomainError) {
        const extensions = error.extensions();
        return sendFailure(
          res,
          new RestFailure(
            STATUS_BY_CODE[error.code] ?? 500,
            error.message,
            extensions.fields as Record<string, string[]> | undefined,
            typeof extensions.retryAfter === 'number' ? extensions.retryAfter : undefined,
          ),
        );
      }
      // The database or a subgraph away for a moment (a restart): 503 with when to try again.
      if (isTemporaryOutage(error)) {
        req.log.warn({ err: error }, 'a REST request met an outage');
        return sendFailure(res, new RestFailure(503, outageMessage(error), undefined, OUTAGE_RETRY_AFTER_SECONDS));
      }
      req.log.error({ err: error }, 'REST handler failed');
      sendFailure(res, new RestFailure(500, 'Something went wrong on our side; it has been logged.'));
    });
  };
}
