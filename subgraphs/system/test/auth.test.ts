import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem, uniqueEmail } from './harness.js';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) {
  accessToken refreshToken expiresIn user { id email role } account { id name status plan { slug } enabledModules } } }`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;

describe('system subgraph: registration and sessions', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
  });
  afterAll(() => sys.close());

  it('registers an owner on the free plan in trial and answers me with the new token', async () => {
    const email = uniqueEmail('owner');
    const res = await sys.gql(REGISTER, {
      input: { email, password: 'correct horse 42', name: 'Olive Owner', accountName: 'Olive Agency' },
    });
    expect(res.errors).toBeUndefined();
    const payload = (res.data as any).register;
    expect(payload.user).toMatchObject({ email, role: 'OWNER' });
    expect(payload.account).toMatchObject({ name: 'Olive Agency', status: 'TRIAL', plan: { slug: 'free' } });
    expect(payload.expiresIn).toBe(900);
    const me = await sys.gql('{ me { email name role } }', {}, payload.accessToken);
    expect(me.data).toEqual({ me: { email, name: 'Olive Owner', role: 'OWNER' } });
  });

  it('rotates refresh tokens and revokes the whole family when a spent one comes back', async () => {
    const reg = await sys.gql(REGISTER, {
      input: { email: uniqueEmail(), password: 'correct horse 42', name: 'R', accountName: 'Rotation Co' },
    });
    const first = (reg.data as any).register.refreshToken;
    const second = (await sys.gql(REFRESH, { t: first })).data as any;
    expect(second.refreshToken.refreshToken).not.toBe(first);
    const replay = await sys.gql(REFRESH, { t: first });
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The descendant issued before the replay is dead too.
    const afterReplay = await sys.gql(REFRESH, { t: second.refreshToken.refreshToken });
    expect(afterReplay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('names the offending fields of bad registration input', async () => {
    const res = await sys.gql(REGISTER, {
      input: { email: 'not-an-email', password: 'short', name: 'x'.repeat(121), accountName: 'Ok' },
    });
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(error?.extensions?.fields as object).sort()).toEqual(['email', 'name', 'password']);
  });
});
