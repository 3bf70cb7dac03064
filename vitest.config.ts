import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
// One graphql copy: vitest would load the ESM build while Apollo and Pothos load the CJS one.
const graphqlAlias = [{ find: /^graphql$/, replacement: require.resolve('graphql') }];

const project = (name: string, dir: string, extra: Record<string, unknown> = {}) => ({
  resolve: { alias: graphqlAlias },
  test: {
    name,
    root: dir,
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    ...extra,
  },
});

export default defineConfig({
  test: {
    globalSetup: ['./gateway/test/ledger-teardown.ts'],
    projects: [
      project('db', 'drizzle'),
      project('lib', 'subgraphs/lib'),
      project('system', 'subgraphs/system'),
      project('billing', 'subgraphs/billing'),
      project('automation', 'subgraphs/automation'),
      project('planner', 'subgraphs/planner'),
      project('writer', 'subgraphs/writer'),
      project('schema', 'schema'),
      project('gateway', 'gateway'),
      project('web', 'web', { fileParallelism: false }),
    ],
  },
});
