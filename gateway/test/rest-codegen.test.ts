// The checked-in gateway/src/rest/gql must be what graphql-codegen makes of schema/api.graphql and
// the REST operations now: a route whose operation no longer fits the schema fails here (codegen
// refuses the document) as well as in `npm run codegen`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { codegenFreshness } from '@igny8/lib/testing/codegen';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../../codegen';

const repoRoot = resolve(import.meta.dirname, '../..');
const outputKey = 'gateway/src/rest/gql/';

describe('typed REST operations', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'igny8-rest-codegen-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('are up to date with schema/api.graphql and gateway/src/rest/operations (run `npm run codegen`)', async () => {
    const { expected, checkedIn, stale } = await codegenFreshness(config, outputKey, repoRoot);
    expect(checkedIn).toEqual(expected);
    expect(stale, 'stale files in gateway/src/rest/gql: run `npm run codegen`').toEqual([]);
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
