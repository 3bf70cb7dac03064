// graphql-codegen: typed documents from the composed API schema, for the web app and for the
// gateway's REST routes. `npm run codegen` rewrites web/src/gql and gateway/src/rest/gql; it fails
// on a document that no longer fits the schema, and web/test/codegen.test.ts and
// gateway/test/rest-codegen.test.ts fail when the checked-in output is stale.
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
  },
};

export default config;
