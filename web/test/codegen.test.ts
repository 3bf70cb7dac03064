// The checked-in web/src/gql must be what graphql-codegen makes of the schema and the documents now.
import { resolve } from 'node:path';
import { codegenFreshness } from '@igny8/lib/testing/codegen';
import { describe, expect, it } from 'vitest';
import config from '../../codegen';

describe('generated GraphQL types', () => {
  it('are up to date with schema/api.graphql and web/src/**/*.graphql (run `npm run codegen`)', async () => {
    const { expected, checkedIn, stale } = await codegenFreshness(
      config,
      'web/src/gql/',
      resolve(import.meta.dirname, '../..'),
    );
    expect(checkedIn).toEqual(expected);
    expect(stale, 'stale files in web/src/gql: run `npm run codegen`').toEqual([]);
  });
});
