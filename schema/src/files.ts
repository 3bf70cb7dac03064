import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Found through the package, so bundled services find the checked-in files too.
const root = (() => {
  try {
    return dirname(createRequire(import.meta.url).resolve('@igny8/schema/package.json'));
  } catch {
    return join(dirname(fileURLToPath(import.meta.url)), '..');
  }
})();

export const SUPERGRAPH_FILE = join(root, 'supergraph.graphql');
export const API_SCHEMA_FILE = join(root, 'api.graphql');

/** The checked-in supergraph the gateway serves. */
export const readSupergraphSdl = (): string => readFileSync(SUPERGRAPH_FILE, 'utf8');
