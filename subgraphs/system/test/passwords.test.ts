// Sign-in, password change and password reset, with the reset link read from the service log
// (the outbox logs its links when no SMTP server is configured), never from the API.
import { Writable } from 'node:stream';
import { passwordResets } from '@igny8/db/system';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, registerOwner, startTestSystem, type TestSystem, uniqueEmail } from './harness.js';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken refreshToken } }`;
const RESET = `mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`;
const CONFIRM = `mutation($input: ConfirmPasswordResetInput!) { confirmPasswordReset(input: $input) }`;

describe('system subgraph: passwords', () => {
  let sys: TestSystem;
  const lines: Record<string, unknown>[] = [];
  const resetLinks = () => lines.map((line) => line.resetUrl).filter((url): url is string => typeof url === 'string');

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    sys = await startTestSystem({}, { log: pino({ level: 'info' }, sink) });
  });
  afterAll(() => sys.close());

  const requestReset = async (email: string) => {
    const before = resetLinks().length;
    const res = await sys.gql(RESET, { input: { email } });
    expect(res).toEqual({ data: { requestPasswordReset: true } });
    const links = resetLinks().slice(before);
    return links.length ? new URL(links[0]!).searchParams.get('token')! : undefined;
  };

  it('gives a wrong password and an unknown e-mail the same answer', async () => {
    const owner = await registerOwner(sys);
    const answers = await Promise.all([
      sys.gql(LOGIN, { input: { email: owner.email, password: 'wrong but long 1' } }),
      sys.gql(LOGIN, { input: { email: uniqueEmail('unknown'), password: PASSWORD } }),
    ]);
    for (const res of answers) {
      expect(res.errors?.[0]).toMatchObject({
        message: 'The e-mail or password is incorrect.',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
    const ok = await sys.gql(LOGIN, { input: { email: owner.email.toUpperCase(), password: PASSWORD } });
    expect(ok.errors).toBeUndefined();
  });

  it('signs out every other session on a password change and keeps the new one', async () => {
    const owner = await registerOwner(sys);
    const elsewhere = (await sys.gql(LOGIN, { input: { email: owner.email, password: PASSWORD } })).data.login;
    const changed = await sys.gql(
      CHANGE,
      { input: { currentPassword: PASSWORD, newPassword: 'battery staple 99' } },
      owner.token,
    );
    expect(changed.errors).toBeUndefined();
    for (const old of [owner.refreshToken, elsewhere.refreshToken]) {
      expect((await sys.gql(REFRESH, { t: old })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await sys.gql(REFRESH, { t: changed.data.changePassword.refreshToken })).errors).toBeUndefined();
    const oldLogin = await sys.gql(LOGIN, { input: { email: owner.email, password: PASSWORD } });
    expect(oldLogin.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses to "change" a password to itself, naming the field', async () => {
    const owner = await registerOwner(sys);
    const res = await sys.gql(CHANGE, { input: { currentPassword: PASSWORD, newPassword: PASSWORD } }, owner.token);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { newPassword: [expect.any(String)] },
    });
  });

  it('resets a password end to end and refuses the same link twice', async () => {
    const owner = await registerOwner(sys);
    const token = await requestReset(owner.email);
    expect(token).toBeDefined();
    // The log line carries the link, never the user's e-mail next to it.
    const line = lines.find((l) => typeof l.resetUrl === 'string' && String(l.resetUrl).includes(token!));
    expect(line).toMatchObject({ userId: owner.userId });
    expect(JSON.stringify(line)).not.toContain(owner.email);

    const done = await sys.gql(CONFIRM, { input: { token, newPassword: 'fresh start 2024' } });
    expect(done).toEqual({ data: { confirmPasswordReset: true } });
    expect(
      (await sys.gql(LOGIN, { input: { email: owner.email, password: 'fresh start 2024' } })).errors,
    ).toBeUndefined();
    expect((await sys.gql(REFRESH, { t: owner.refreshToken })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const again = await sys.gql(CONFIRM, { input: { token, newPassword: 'second go 2024' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { token: [expect.any(String)] },
    });
    expect((await sys.gql(LOGIN, { input: { email: owner.email, password: 'second go 2024' } })).errors).toBeDefined();
  });

  it('refuses an expired reset link with the field named and leaves the password alone', async () => {
    const owner = await registerOwner(sys);
    const token = await requestReset(owner.email);
    await sys.database.system((tx) =>
      tx
        .update(passwordResets)
        .set({ expiresAt: new Date(Date.now() - 60_000) })
        .where(eq(passwordResets.userId, owner.userId)),
    );
    const res = await sys.gql(CONFIRM, { input: { token, newPassword: 'too late now 11' } });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { token: [expect.stringMatching(/expired/)] },
    });
    expect((await sys.gql(LOGIN, { input: { email: owner.email, password: PASSWORD } })).errors).toBeUndefined();
  });

  it('refuses a made-up token and a weak new password, naming each field', async () => {
    const madeUp = await sys.gql(CONFIRM, { input: { token: 'x'.repeat(43), newPassword: 'good enough 123' } });
    expect(madeUp.errors?.[0]?.extensions?.fields).toHaveProperty('token');
    const weak = await sys.gql(CONFIRM, { input: { token: 'x'.repeat(43), newPassword: 'aaaaaaaaaaaa' } });
    expect(weak.errors?.[0]?.extensions?.fields).toHaveProperty('newPassword');
  });

  it('answers the same for an unknown e-mail and writes no link for it', async () => {
    expect(await requestReset(uniqueEmail('ghost'))).toBeUndefined();
  });
});
