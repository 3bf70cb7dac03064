// The service calls one subgraph makes to another are typed documents checked against the
// supergraph (where the service-only fields live): a call that no longer fits the other subgraph's
// schema fails `npm run codegen` and this test, not a request.
import { resolve } from 'node:path';
import { codegenFreshness } from '@igny8/lib/testing/codegen';
import { describe, expect, it } from 'vitest';
import config, { SERVICE_CALLERS } from '../../codegen';

describe('typed service calls between subgraphs', () => {
  it.each(SERVICE_CALLERS)(
    '%s: are up to date with schema/supergraph.graphql (run `npm run codegen`)',
    async (subgraph) => {
      const outputKey = `subgraphs/${subgraph}/src/gql/`;
      const { expected, checkedIn, stale } = await codegenFreshness(
        config,
        outputKey,
        resolve(import.meta.dirname, '../..'),
      );
      expect(expected).toContain('graphql.ts');
      expect(checkedIn).toEqual(expected);
      expect(stale, `stale files in ${outputKey}: run \`npm run codegen\``).toEqual([]);
    },
  );
});
