import { nodesOf, refreshSession } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAccountPlan } from '../src/server.js';
import { PASSWORD, registerOwner, type Session, startTestSystem, type TestSystem, uniqueEmail } from './harness.js';

const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteUrl member { id status role } } }`;
const ACCEPT = `mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { accessToken refreshToken user { id role } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken user { id role } } }`;
const SET_ROLE = `mutation($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { id role } }`;
const REMOVE = `mutation($input: RemoveMemberInput!) { removeMember(input: $input) }`;

describe('system subgraph: team', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
  });
  afterAll(() => sys.close());

  // The operator's own plan change, as billing will call it.
  const setPlan = (accountId: string, slug: string) => setAccountPlan(sys.server.services, accountId, slug);

  const invite = async (by: Session, role: string, email = uniqueEmail(role.toLowerCase())) => {
    const res = await sys.gql(INVITE, { input: { email, role } }, by.token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return { email, token: new URL(res.data.inviteMember.inviteUrl).searchParams.get('token')! };
  };
  const join = async (by: Session, role: string) => {
    const { email, token } = await invite(by, role);
    const res = await sys.gql(ACCEPT, { input: { token, password: PASSWORD } });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const a = res.data.acceptInvite;
    return { email, token: a.accessToken, refreshToken: a.refreshToken, userId: a.user.id, accountId: by.accountId };
  };

  it('refuses a second member on the free plan with a message naming the limit', async () => {
    const owner = await registerOwner(sys);
    const res = await sys.gql(INVITE, { input: { email: uniqueEmail(), role: 'EDITOR' } }, owner.token);
    expect(res.errors?.[0]).toMatchObject({
      message: 'Your Free plan allows 1 user: upgrade the plan or remove a member to invite someone.',
      extensions: { code: 'FORBIDDEN' },
    });
    const members = await sys.gql('{ members { edges { node { id } } } }', {}, owner.token);
    expect(nodesOf(members.data.members)).toHaveLength(1);
  });

  it('counts invited people against the seats', async () => {
    const owner = await registerOwner(sys);
    await setPlan(owner.accountId, 'starter');
    await invite(owner, 'EDITOR');
    const res = await sys.gql(INVITE, { input: { email: uniqueEmail(), role: 'EDITOR' } }, owner.token);
    expect(res.errors?.[0]?.message).toMatch(/Starter plan allows 2 users/);
  });

  it('lets an invited member in once: accept, sign in, and the link is spent', async () => {
    const owner = await registerOwner(sys);
    await setPlan(owner.accountId, 'growth');
    const { email, token } = await invite(owner, 'EDITOR');
    const accepted = await sys.gql(ACCEPT, { input: { token, password: PASSWORD, firstName: 'Ed' } });
    expect(accepted.data?.acceptInvite.user.role).toBe('EDITOR');
    const login = await sys.gql(LOGIN, { input: { email, password: PASSWORD } });
    expect(login.data?.login.user).toEqual({ id: accepted.data.acceptInvite.user.id, role: 'EDITOR' });
    const reused = await sys.gql(ACCEPT, { input: { token, password: 'hijack attempt 1' } });
    expect(reused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { token: [expect.any(String)] },
    });
    expect((await sys.gql(LOGIN, { input: { email, password: PASSWORD } })).errors).toBeUndefined();
  });

  it('refuses to invite an e-mail that already has a login, naming the field', async () => {
    const owner = await registerOwner(sys);
    const other = await registerOwner(sys);
    await setPlan(owner.accountId, 'growth');
    const res = await sys.gql(INVITE, { input: { email: other.email.toUpperCase(), role: 'VIEWER' } }, owner.token);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fields: { email: [expect.any(String)] } });
  });

  describe('roles', () => {
    let owner: Session;
    let admin: Session;
    let viewer: Session;
    beforeAll(async () => {
      owner = await registerOwner(sys);
      await setPlan(owner.accountId, 'scale');
      admin = await join(owner, 'ADMIN');
      viewer = await join(owner, 'VIEWER');
    });

    it("shows a member's preferences to that member only, not to the team's admins", async () => {
      const saved = await sys.gql(
        'mutation($input: UpdatePreferencesInput!) { updatePreferences(input: $input) { preferences } }',
        { input: { preferences: { theme: 'dark' } } },
        viewer.token,
      );
      expect(saved.data.updatePreferences.preferences).toEqual({ theme: 'dark' });
      const seenBy = async (who: Session) =>
        nodesOf((await sys.gql('{ members { edges { node { id preferences } } } }', {}, who.token)).data.members).find(
          (m: { id: string }) => m.id === viewer.userId,
        ).preferences;
      expect(await seenBy(viewer)).toEqual({ theme: 'dark' });
      expect(await seenBy(owner)).toBeNull();
      expect(await seenBy(admin)).toBeNull();
    });

    it('does not let a viewer invite, change roles or remove anyone', async () => {
      for (const [query, input] of [
        [INVITE, { email: uniqueEmail(), role: 'VIEWER' }],
        [SET_ROLE, { userId: viewer.userId, role: 'ADMIN' }],
        [REMOVE, { userId: admin.userId }],
      ] as const) {
        const res = await sys.gql(query, { input }, viewer.token);
        expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('does not let an admin create, promote to, demote or remove an owner', async () => {
      const attempts = [
        [INVITE, { email: uniqueEmail(), role: 'OWNER' }],
        [SET_ROLE, { userId: viewer.userId, role: 'OWNER' }],
        [SET_ROLE, { userId: admin.userId, role: 'OWNER' }],
        [SET_ROLE, { userId: owner.userId, role: 'ADMIN' }],
        [REMOVE, { userId: owner.userId }],
      ] as const;
      for (const [query, input] of attempts) {
        const res = await sys.gql(query, { input }, admin.token);
        expect(res.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('FORBIDDEN');
      }
      const members = await sys.gql('{ members { edges { node { id role } } } }', {}, owner.token);
      expect(nodesOf(members.data.members).filter((m: { role: string }) => m.role === 'OWNER')).toEqual([
        { id: owner.userId, role: 'OWNER' },
      ]);
    });

    it('keeps the last owner; a second owner can step down, and the token they hold stops at once', async () => {
      const demote = await sys.gql(SET_ROLE, { input: { userId: owner.userId, role: 'ADMIN' } }, owner.token);
      expect(demote.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { role: [expect.any(String)] },
      });
      const remove = await sys.gql(REMOVE, { input: { userId: owner.userId } }, owner.token);
      expect(remove.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { userId: [expect.any(String)] },
      });

      const second = await join(owner, 'OWNER');
      const stepDown = await sys.gql(SET_ROLE, { input: { userId: second.userId, role: 'EDITOR' } }, second.token);
      expect(stepDown.data?.updateMemberRole).toEqual({ id: second.userId, role: 'EDITOR' });
      // The access token they hold says OWNER: it was signed for the old role and stops at once.
      const stale = await sys.gql(SET_ROLE, { input: { userId: second.userId, role: 'OWNER' } }, second.token);
      expect(stale.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // Refreshed, they are an editor, and the team rules refuse.
      const editor = await refreshSession(sys.gql, second);
      const comeback = await sys.gql(SET_ROLE, { input: { userId: second.userId, role: 'OWNER' } }, editor.token);
      expect(comeback.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const removeOwner = await sys.gql(REMOVE, { input: { userId: owner.userId } }, editor.token);
      expect(removeOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('lets one of two owners demote the other; the remaining one is then the last', async () => {
      const second = await join(owner, 'OWNER');
      const demoted = await sys.gql(SET_ROLE, { input: { userId: second.userId, role: 'VIEWER' } }, owner.token);
      expect(demoted.data?.updateMemberRole.role).toBe('VIEWER');
      const removed = await sys.gql(REMOVE, { input: { userId: second.userId } }, owner.token);
      expect(removed.data?.removeMember).toBe(second.userId);
      expect(
        (await sys.gql(SET_ROLE, { input: { userId: owner.userId, role: 'EDITOR' } }, owner.token)).errors?.[0]
          ?.extensions?.code,
      ).toBe('BAD_USER_INPUT');
    });

    it('answers NOT_FOUND for a member id that is not in the account', async () => {
      const res = await sys.gql(REMOVE, { input: { userId: '01900000-0000-7000-8000-000000000000' } }, owner.token);
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });
});
