import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SUPERGRAPH_FILE = join(here, '..', 'supergraph.graphql');
export const API_SCHEMA_FILE = join(here, '..', 'api.graphql');

/** The checked-in supergraph the gateway serves. */
export const readSupergraphSdl = (): string => readFileSync(SUPERGRAPH_FILE, 'utf8');
