// The API schema REST operations are typed and cased against: the checked-in schema/api.graphql,
// which `npm run compose` writes from the same subgraphs the gateway serves.
import { readFileSync } from 'node:fs';
import { API_SCHEMA_FILE } from '@igny8/schema';
import { buildSchema, type GraphQLSchema } from 'graphql';

let schema: GraphQLSchema | undefined;

/** Read and built once per process, when the first route is declared (start-up, never per request). */
export function apiSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));
  return schema;
}
