// The Pothos builder every subgraph starts from: federation, scope-auth, relay connections,
// validation, dataloaders, and the shared scalars.
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError, Kind } from 'graphql';
import { hasRole, type Role } from './auth.js';
import type { RequestContext } from './context.js';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from './errors.js';

export interface BuilderTypes<Ctx extends RequestContext = RequestContext> {
  Context: Ctx;
  AuthScopes: {
    /** Any signed-in caller. */
    authenticated: boolean;
    /** At least this account role (developer passes every check). */
    role: Role;
    /** The platform operator. */
    superuser: boolean;
    /** The credential carries this scope (`read`, `write`). */
    scope: string;
    /** Another subgraph is calling with a valid service token (operations only services run). */
    service: boolean;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}

export type Builder<Ctx extends RequestContext = RequestContext> = PothosSchemaTypes.SchemaBuilder<
  PothosSchemaTypes.ExtendDefaultTypes<BuilderTypes<Ctx>>
>;

const toFieldName = (path: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined): string => {
  const parts = (path ?? []).map((p) => String(typeof p === 'object' ? p.key : p));
  // Errors on `input.x` name the field `x`, as forms and REST clients know it.
  if (parts[0] === 'input') parts.shift();
  return parts.join('.') || 'input';
};

/** A subgraph's builder; `Ctx` is the request context plus that subgraph's services. */
export function createBuilder<Ctx extends RequestContext = RequestContext>(): Builder<Ctx> {
  const builder = new SchemaBuilder<BuilderTypes<Ctx>>({
    defaultFieldNullability: false,
    plugins: [ScopeAuthPlugin, DirectivesPlugin, FederationPlugin, RelayPlugin, ValidationPlugin, DataloaderPlugin],
    scopeAuth: {
      authScopes: (ctx) => ({
        authenticated: !!ctx.principal,
        role: (minimum: Role) => hasRole(ctx.principal, minimum),
        superuser: ctx.principal?.role === 'developer',
        scope: (scope: string) => !!ctx.principal?.scopes.includes(scope),
        service: !!ctx.service,
      }),
      unauthorizedError: (_parent, ctx) =>
        ctx.principal
          ? new ForbiddenError('Your role does not allow this. Ask an account owner or admin.')
          : new UnauthenticatedError(),
    },
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      nodeQueryOptions: false,
      nodesQueryOptions: false,
      // Every subgraph with a connection defines PageInfo: federation needs it declared shareable.
      pageInfoTypeOptions: { shareable: true },
    },
    validation: {
      validationError: (failure) => {
        const fields: Record<string, string[]> = {};
        for (const issue of failure.issues) {
          const name = toFieldName(issue.path);
          fields[name] = [...(fields[name] ?? []), issue.message];
        }
        const summary = Object.entries(fields)
          .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
          .join(' · ');
        return new BadUserInputError(summary, fields);
      },
    },
  });

  // Every connection carries `totalCount` (set by `connectionOf`).
  builder.globalConnectionField('totalCount', (t) =>
    t.int({
      description: 'How many items match, across all pages.',
      resolve: (connection) => (connection as { totalCount?: number }).totalCount ?? 0,
    }),
  );

  builder.scalarType('DateTime', {
    description: 'An ISO-8601 timestamp with time zone.',
    serialize: (value) => new Date(value as Date | string).toISOString(),
    parseValue: (value) => {
      const date = new Date(String(value));
      if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 timestamp.');
      return date;
    },
    parseLiteral: (node) => {
      if (node.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string.');
      // An unparsable literal stays an invalid Date: the input's zod rules name the field.
      return new Date(node.value);
    },
  });
  builder.scalarType('JSON', {
    description: 'Any JSON value.',
    serialize: (value) => value,
    parseValue: (value) => value,
  });

  return builder as unknown as Builder<Ctx>;
}

/** The federation link every subgraph schema is printed with. */
export const FEDERATION_LINK = {
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  federationDirectives: ['@key', '@shareable', '@external', '@requires', '@provides', '@inaccessible'],
};

/**
 * The values of a GraphQL enum whose names are the UPPER_SNAKE_CASE form of the stored values
 * (`ideas_generated` → IDEAS_GENERATED, `createdAt` → CREATED_AT):
 * `builder.enumType('Status', { values: upperCaseEnumValues(STATUSES) })`.
 */
export function upperCaseEnumValues<const T extends readonly string[]>(values: T) {
  return Object.fromEntries(values.map((value) => [enumName(value), { value }])) as {
    [K in T[number] as UpperSnake<K>]: { value: K };
  };
}

/** A GraphQL enum whose values are the UPPER_SNAKE_CASE form of the stored values. */
export function enumOf<Ctx extends RequestContext, const T extends readonly string[]>(
  builder: Builder<Ctx>,
  name: string,
  values: T,
  description: string,
  options: { inaccessible?: boolean } = {},
) {
  return builder.enumType(name, { description, ...options, values: upperCaseEnumValues(values) });
}

const enumName = (value: string) => value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

type UpperSnake<S extends string> = S extends `${infer Head}${infer Rest}`
  ? `${Head extends Uppercase<Head> ? (Head extends Lowercase<Head> ? Head : `_${Head}`) : Uppercase<Head>}${UpperSnake<Rest>}`
  : S;

/**
 * An entity of another subgraph this one points at (`Site`, `User`): a stub by id that this
 * subgraph cannot resolve further; the gateway asks its owner for the rest.
 */
export function entityStub<Ctx extends RequestContext>(builder: Builder<Ctx>, name: string) {
  const ref = builder.objectRef<{ id: string }>(name);
  builder.asEntity(ref, {
    key: builder.keyDirective(builder.selection<{ id: string }>('id'), false),
    resolveReference: (entity) => entity,
  });
  ref.implement({ fields: (t) => ({ id: t.exposeID('id') }) });
  return ref;
}
