// The API schema REST operations are typed and cased against: the checked-in schema/api.graphql,
// which `npm run compose` writes from the same subgraphs the gateway serves.
import { readFileSync } from 'node:fs';
import { API_SCHEMA_FILE } from '@igny8/schema';
import { buildSchema, type GraphQLSchema, isEnumType } from 'graphql';

let schema: GraphQLSchema | undefined;

/** Read and built once per process, when the first route is declared (start-up, never per request). */
export function apiSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));
  return schema;
}

/** The values of a schema enum as REST writes them (lower case), for a parameter checked before it is sent. */
export function enumValues(name: string): string[] {
  const type = apiSchema().getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is not an enum of the API schema`);
  return type.getValues().map((v) => v.name.toLowerCase());
}
