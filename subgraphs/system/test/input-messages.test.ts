// Messages a person reads when input is wrong: an empty required field says it is required, and
// no message names an internal field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOwner, startTestSystem, type TestSystem, uniqueEmail } from './harness.js';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken } }`;
const CREATE_STRATEGY = `mutation($input: CreateStrategyInput!) { createStrategy(input: $input) { id } }`;

describe('system subgraph: input messages', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
  });
  afterAll(() => sys.close());

  it('says an empty password is required, not that it is too short', async () => {
    const res = await sys.gql(REGISTER, {
      input: { email: uniqueEmail('empty'), password: '', name: 'Someone', accountName: 'Empty Co' },
    });
    expect(res.errors?.[0]?.extensions?.fields).toEqual({ password: ['is required'] });
    expect(res.errors?.[0]?.message).toBe('password: is required');
  });

  it('says a word range is wrong in words a person uses, not field names', async () => {
    const owner = await registerOwner(sys);
    const res = await sys.gql(
      CREATE_STRATEGY,
      { input: { name: 'Long reads', contentTypes: ['GUIDE'], minWords: 3000, maxWords: 1200 } },
      owner.token,
    );
    const message = res.errors?.[0]?.message ?? '';
    expect(message).toBe('The minimum length (3000 words) must not be more than the maximum (1200 words).');
    expect(message).not.toMatch(/[a-z][A-Z]/);
  });
});
