import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compose } from '../src/compose.js';
import { API_SCHEMA_FILE, SUPERGRAPH_FILE } from '../src/files.js';

describe('supergraph', () => {
  const result = compose();

  it('composes without errors or hints of broken federation', () => {
    expect(result.hints).toEqual([]);
  });

  it('is checked in up to date (run `npm run compose` after changing a subgraph)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(result.supergraphSdl);
    expect(readFileSync(API_SCHEMA_FILE, 'utf8')).toBe(result.apiSdl);
  });

  it('exposes the entities other subgraphs will reference', () => {
    for (const entity of ['Account', 'User', 'Site', 'Sector']) {
      expect(result.supergraphSdl).toMatch(
        new RegExp(`type ${entity}\\b[^{]*@join__type\\(graph: SYSTEM, key: "id"\\)`),
      );
    }
  });
});
