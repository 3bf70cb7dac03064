// Composes the subgraph SDLs into the supergraph (for the gateway) and the public API schema
// (for codegen and integrators). `npm run compose` rewrites the checked-in files.
import { writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, printSchema } from 'graphql';
import { API_SCHEMA_FILE, SUPERGRAPH_FILE } from './files.js';
import { subgraphDefinitions } from './subgraphs.js';

export interface Composition {
  supergraphSdl: string;
  apiSdl: string;
  hints: string[];
}

export function compose(): Composition {
  const result = composeServices(
    subgraphDefinitions().map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  const apiSdl = printSchema(Supergraph.build(result.supergraphSdl).apiSchema().toGraphQLJSSchema());
  return {
    supergraphSdl: `${result.supergraphSdl.trim()}\n`,
    apiSdl: `${apiSdl.trim()}\n`,
    hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { supergraphSdl, apiSdl, hints } = compose();
  writeFileSync(SUPERGRAPH_FILE, supergraphSdl);
  writeFileSync(API_SCHEMA_FILE, apiSdl);
  for (const hint of hints) console.warn(`hint: ${hint}`);
  console.log(`wrote ${SUPERGRAPH_FILE} and ${API_SCHEMA_FILE}`);
}
