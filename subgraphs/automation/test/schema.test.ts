// The automation subgraph's contract with the rest of the graph: Job is an entity others can
// reference (system returns `Job` from generateTestImage), the user who started it is a reference
// system resolves, and the subscriptions are declared for the gateway to serve.
import { printSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from 'vitest';
import { automationSchema } from '../src/schema/index.js';

const sdl = printSubgraphSchema(automationSchema);

describe('automation subgraph schema', () => {
  it('declares Job as an entity keyed by id, with the fields a progress bar needs', () => {
    expect(sdl).toMatch(/type Job\s+@key\(fields: "id"\)/);
    for (const field of ['status: JobStatus!', 'progress: Int!', 'step: String!', 'creditsReserved: Int!']) {
      expect(sdl).toContain(field);
    }
    expect(sdl).toMatch(/enum JobStatus \{\s+QUEUED\s+RUNNING\s+SUCCEEDED\s+FAILED\s+CANCELLED\s+\}/);
  });

  it('refers to the user who started a job without resolving users itself', () => {
    expect(sdl).toMatch(/type User\s+@key\(fields: "id", resolvable: false\)/);
    expect(sdl).toContain('createdBy: User');
  });

  it('declares the job subscriptions the gateway serves', () => {
    expect(sdl).toMatch(/type Subscription \{[^}]*jobProgress\(id: ID!\): Job![^}]*jobUpdates: Job!/s);
  });
});
