// The checked-in web/src/gql must be what graphql-codegen makes of the schema and the documents now.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../../codegen';

const repoRoot = resolve(import.meta.dirname, '../..');
const checkedIn = join(repoRoot, 'web/src/gql');
const outputKey = 'web/src/gql/';

const filesIn = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();

describe('generated GraphQL types', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'igny8-codegen-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('are up to date with schema/api.graphql and web/src/**/*.graphql (run `npm run codegen`)', async () => {
    const target = config.generates[outputKey];
    expect(target, `codegen.ts generates ${outputKey}`).toBeDefined();
    await generate({ ...config, cwd: repoRoot, silent: true, generates: { [`${scratch}/`]: target! } }, true);

    const fresh = filesIn(scratch);
    expect(filesIn(checkedIn)).toEqual(fresh);
    for (const file of fresh) {
      const expected = readFileSync(join(scratch, file), 'utf8');
      const actual = readFileSync(join(checkedIn, file), 'utf8');
      expect(actual === expected, `web/src/gql/${file} is stale: run \`npm run codegen\``).toBe(true);
    }
  });
});
