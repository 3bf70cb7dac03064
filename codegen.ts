// graphql-codegen: typed documents from the composed schema — for the web app and the gateway's
// REST routes (the API schema), and for the service calls one subgraph makes to another (the
// supergraph, where service-only fields live). `npm run codegen` rewrites every target; it fails on
// a document that no longer fits its schema, and a test per target fails when the checked-in
// output is stale (web/test/codegen.test.ts, gateway/test/rest-codegen.test.ts,
// schema/test/service-codegen.test.ts).
import type { CodegenConfig } from '@graphql-codegen/cli';

const typedDocuments = {
  preset: 'client',
  presetConfig: { fragmentMasking: false },
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    defaultScalarType: 'unknown',
    scalars: { DateTime: 'string', JSON: 'unknown' },
    // Apollo Client adds __typename to every object it fetches.
    nonOptionalTypename: true,
    skipTypeNameForRoot: true,
  },
} as const;

/** Subgraphs that call another subgraph's service-only operations. */
export const SERVICE_CALLERS = ['lib', 'billing', 'writer'] as const;

const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': { ...typedDocuments, documents: ['web/src/**/*.graphql'] },
    'gateway/src/rest/gql/': {
      ...typedDocuments,
      documents: ['gateway/src/rest/operations/*.graphql'],
      config: {
        ...typedDocuments.config,
        // The REST adapter runs operations on the server: no client adds __typename.
        nonOptionalTypename: false,
      },
    },
    ...Object.fromEntries(
      SERVICE_CALLERS.map((subgraph) => [
        `subgraphs/${subgraph}/src/gql/`,
        {
          ...typedDocuments,
          schema: 'schema/supergraph.graphql',
          documents: [`subgraphs/${subgraph}/src/operations/*.graphql`],
          config: { ...typedDocuments.config, nonOptionalTypename: false },
        },
      ]),
    ),
  },
};

export default config;
