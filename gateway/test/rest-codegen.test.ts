// The checked-in gateway/src/rest/gql must be what graphql-codegen makes of schema/api.graphql and
// the REST operations now: a route whose operation no longer fits the schema fails here (codegen
// refuses the document) as well as in `npm run codegen`.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../../codegen';

const repoRoot = resolve(import.meta.dirname, '../..');
const checkedIn = join(repoRoot, 'gateway/src/rest/gql');
const outputKey = 'gateway/src/rest/gql/';

const filesIn = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();

describe('typed REST operations', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'igny8-rest-codegen-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('are up to date with schema/api.graphql and gateway/src/rest/operations (run `npm run codegen`)', async () => {
    const target = config.generates[outputKey];
    expect(target, `codegen.ts generates ${outputKey}`).toBeDefined();
    await generate({ ...config, cwd: repoRoot, silent: true, generates: { [`${scratch}/`]: target! } }, true);

    const fresh = filesIn(scratch);
    expect(filesIn(checkedIn)).toEqual(fresh);
    for (const file of fresh) {
      const expected = readFileSync(join(scratch, file), 'utf8');
      const actual = readFileSync(join(checkedIn, file), 'utf8');
      expect(actual === expected, `gateway/src/rest/gql/${file} is stale: run \`npm run codegen\``).toBe(true);
    }
  });

  it('refuses an operation that does not fit the schema', async () => {
    const target = config.generates[outputKey] as object;
    const broken = join(scratch, 'broken.graphql');
    writeFileSync(broken, 'query RestBroken { keywords { totalCount noSuchField } }');
    await expect(
      generate(
        {
          ...config,
          cwd: repoRoot,
          silent: true,
          generates: { [`${scratch}/out/`]: { ...target, documents: [broken] } },
        },
        true,
      ),
    ).rejects.toThrow(/noSuchField/);
  });
});
