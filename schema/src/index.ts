export { API_SCHEMA_FILE, readSupergraphSdl, SUPERGRAPH_FILE } from './files.js';
