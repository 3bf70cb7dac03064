// Authentication and authorization through the gateway, as GraphQL and REST clients meet them.
import { nodesOf, refreshSession } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addMember,
  PASSWORD,
  postGraphql,
  registerOwner,
  type Session,
  setPlan,
  tokenForge,
  uniqueEmail,
} from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

const ME = '{ me { id email role } }';
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteUrl member { id } } }`;
const SET_ROLE = `mutation($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { id role } }`;
const REMOVE = `mutation($input: RemoveMemberInput!) { removeMember(input: $input) }`;

describe('gateway: who may call', () => {
  let p: Platform;
  let owner: Session;
  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p);
  });
  afterAll(() => p.close());

  describe('access tokens', () => {
    it('accepts a token signed with the real key and the right claims (the forge works)', async () => {
      const forge = tokenForge(p);
      const token = await forge.signed(forge.claimsFor(owner));
      const gql = await postGraphql(p, ME, {}, { authorization: `Bearer ${token}` });
      expect(gql.status).toBe(200);
      expect(gql.body.data.me).toEqual({ id: owner.userId, email: owner.email, role: 'OWNER' });
      const rest = await p.rest('GET', '/auth/me/', { token });
      expect(rest.status).toBe(200);
      expect(rest.body.data.email).toBe(owner.email);
    });

    it('refuses tampered, expired, stale, mis-addressed, unsigned and HMAC-confused tokens with 401', async () => {
      const forge = tokenForge(p);
      const good = forge.claimsFor(owner);
      const viewerish = await forge.signed({ ...good, role: 'viewer' });
      const bad: Record<string, string> = {
        'tampered payload (viewer made owner)': forge.tampered(viewerish, { role: 'owner' }),
        'tampered signature': `${owner.token.slice(0, -4)}${owner.token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`,
        expired: await forge.signed({ ...good, iat: forge.now - 3600, exp: forge.now - 1800 }),
        'older than the maximum token age': await forge.signed({
          ...good,
          iat: forge.now - 7200,
          exp: forge.now + 600,
        }),
        'wrong audience': await forge.signed({ ...good, aud: 'someone-else' }),
        'wrong issuer': await forge.signed({ ...good, iss: 'https://evil.example' }),
        'wrong typ': await forge.signed(good, { typ: 'JWT' }),
        'no expiry': await forge.signed({ ...good, exp: undefined }),
        'no session or token version': await forge.signed({ ...good, sid: undefined, ver: undefined }),
        'a session that was never opened': await forge.signed({ ...good, sid: '0190a0b0-0000-7000-8000-000000000000' }),
        'an older token version': await forge.signed({ ...good, ver: Number(good.ver) - 1 }),
        'alg none': forge.unsigned(good),
      };
      forge.hmacWithPublicKey(good).forEach((token, i) => {
        bad[`HS256 keyed with the public key #${i + 1}`] = token;
      });

      for (const [label, token] of Object.entries(bad)) {
        const gql = await postGraphql(p, ME, {}, { authorization: `Bearer ${token}` });
        expect(gql.status, label).toBe(401);
        expect(gql.body.errors?.[0]?.extensions?.code, label).toBe('UNAUTHENTICATED');
        expect(gql.body.data ?? null, label).toBeNull();

        const rest = await p.rest('GET', '/auth/me/', { token });
        expect(rest.status, label).toBe(401);
        expect(rest.body, label).toMatchObject({ success: false, error: expect.any(String) });
        expect(rest.body.request_id, label).toBe(rest.headers.get('x-request-id'));
      }
    });

    it('says an expired token has expired, so clients know to refresh', async () => {
      const forge = tokenForge(p);
      const expired = await forge.signed({ ...forge.claimsFor(owner), iat: forge.now - 3600, exp: forge.now - 1800 });
      const rest = await p.rest('GET', '/auth/me/', { token: expired });
      expect(rest.body.error).toMatch(/expired/i);
    });

    it('refuses a malformed Authorization header and asks a signed-out caller to sign in', async () => {
      const odd = await postGraphql(p, ME, {}, { authorization: 'Basic dXNlcjpwYXNz' });
      expect(odd.status).toBe(401);
      expect(odd.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const anonymous = await p.rest('GET', '/auth/me/');
      expect(anonymous.status).toBe(401);
      const sites = await p.gql('{ sites { totalCount } }');
      expect(sites.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('refresh tokens', () => {
    it('rotates through REST and revokes the whole family when a spent token comes back', async () => {
      const login = await p.rest('POST', '/auth/login/', { body: { email: owner.email, password: PASSWORD } });
      expect(login.status).toBe(200);
      const first = login.body.data.refresh as string;

      const rotated = await p.rest('POST', '/auth/refresh/', { body: { refresh: first } });
      expect(rotated.status).toBe(200);
      const second = rotated.body.data.refresh as string;
      expect(second).not.toBe(first);
      expect((await p.rest('GET', '/auth/me/', { token: rotated.body.data.access })).status).toBe(200);

      const replay = await p.rest('POST', '/auth/refresh/', { body: { refresh: first } });
      expect(replay.status).toBe(401);
      expect(replay.body.error).toMatch(/already used/);
      // The descendant handed out before the replay is dead too, through the alias path as well.
      const descendant = await p.rest('POST', '/auth/token/refresh/', { body: { refresh: second } });
      expect(descendant.status).toBe(401);
    });

    it('leaves other sign-ins of the same user alone when one family is revoked', async () => {
      const a = await p.gql(LOGIN, { input: { email: owner.email, password: PASSWORD } });
      const b = await p.gql(LOGIN, { input: { email: owner.email, password: PASSWORD } });
      const aToken = a.data.login.refreshToken;
      await p.rest('POST', '/auth/refresh/', { body: { refresh: aToken } });
      expect((await p.rest('POST', '/auth/refresh/', { body: { refresh: aToken } })).status).toBe(401);
      expect((await p.rest('POST', '/auth/refresh/', { body: { refresh: b.data.login.refreshToken } })).status).toBe(
        200,
      );
    });

    it('ends the session on logout', async () => {
      const login = await p.rest('POST', '/auth/login/', { body: { email: owner.email, password: PASSWORD } });
      const out = await p.rest('POST', '/auth/logout/', { body: { refresh: login.body.data.refresh } });
      expect(out.status).toBe(200);
      expect((await p.rest('POST', '/auth/refresh/', { body: { refresh: login.body.data.refresh } })).status).toBe(401);
    });
  });

  describe('sign-in', () => {
    it('answers a wrong password and an unknown e-mail with the same message', async () => {
      const wrongPassword = await p.gql(LOGIN, { input: { email: owner.email, password: 'not the password 1' } });
      const unknown = await p.gql(LOGIN, { input: { email: uniqueEmail('nobody'), password: PASSWORD } });
      expect(wrongPassword.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(wrongPassword.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);

      const restWrong = await p.rest('POST', '/auth/login/', {
        body: { email: owner.email, password: 'nope nope 12' },
      });
      const restUnknown = await p.rest('POST', '/auth/login/', {
        body: { email: uniqueEmail('nobody'), password: PASSWORD },
      });
      expect(restWrong.status).toBe(401);
      expect(restUnknown.status).toBe(401);
      expect(restWrong.body.error).toBe(restUnknown.body.error);
      expect(restWrong.body.errors).toBeUndefined();
    });

    it('does not let an invited member sign in before accepting, and says nothing more about it', async () => {
      await setPlan(p, owner.accountId, 'scale');
      const email = uniqueEmail('pending');
      await p.gql(INVITE, { input: { email, role: 'EDITOR' } }, owner.token);
      const res = await p.rest('POST', '/auth/login/', { body: { email, password: PASSWORD } });
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('The e-mail or password is incorrect.');
    });
  });

  describe('login rate limit', () => {
    let limited: Platform;
    beforeAll(async () => {
      limited = await startPlatform({ system: { LOGIN_LIMIT_PER_EMAIL: '3', AUTH_LIMIT_PER_IP: '1000' } });
    });
    afterAll(() => limited.close());

    it('answers RATE_LIMITED over GraphQL after too many attempts for one e-mail, even with the right password', async () => {
      const victim = await registerOwner(limited);
      for (let i = 0; i < 3; i++) {
        const res = await limited.gql(LOGIN, { input: { email: victim.email, password: `wrong guess ${i}x` } });
        expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      const blocked = await limited.gql(LOGIN, { input: { email: victim.email, password: PASSWORD } });
      expect(blocked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(blocked.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
      expect(blocked.data?.login ?? null).toBeNull();
      // Another e-mail is not affected.
      const other = await registerOwner(limited);
      const fine = await limited.gql(LOGIN, { input: { email: other.email, password: PASSWORD } });
      expect(fine.errors).toBeUndefined();
    });

    it('answers 429 with Retry-After over REST', async () => {
      const victim = await registerOwner(limited);
      for (let i = 0; i < 3; i++) {
        const res = await limited.rest('POST', '/auth/login/', {
          body: { email: victim.email, password: `wrong guess ${i}x` },
        });
        expect(res.status).toBe(401);
      }
      const blocked = await limited.rest('POST', '/auth/login/', { body: { email: victim.email, password: PASSWORD } });
      expect(blocked.status).toBe(429);
      const retryAfter = Number(blocked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(blocked.body).toMatchObject({ success: false, error: expect.stringMatching(/Too many/) });
    });
  });

  describe('roles', () => {
    let team: Session;
    let admin: Session;
    let viewer: Session;
    beforeAll(async () => {
      team = await registerOwner(p, 'Role Agency');
      await setPlan(p, team.accountId, 'scale');
      admin = await addMember(p, team, 'ADMIN');
      viewer = await addMember(p, team, 'VIEWER');
    });

    it('does not let a viewer invite members (GraphQL FORBIDDEN, REST 403)', async () => {
      const gql = await p.gql(INVITE, { input: { email: uniqueEmail(), role: 'VIEWER' } }, viewer.token);
      expect(gql.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const rest = await p.rest('POST', '/account/team/', {
        token: viewer.token,
        body: { email: uniqueEmail(), role: 'viewer' },
      });
      expect(rest.status).toBe(403);
      expect(rest.body.success).toBe(false);
      const members = await p.gql('{ members { edges { node { email } } } }', {}, team.token);
      expect(nodesOf(members.data.members)).toHaveLength(3);
    });

    it('does not let an admin make anyone an owner, nor demote or remove an owner', async () => {
      const promote = await p.gql(SET_ROLE, { input: { userId: viewer.userId, role: 'OWNER' } }, admin.token);
      expect(promote.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const selfPromote = await p.gql(SET_ROLE, { input: { userId: admin.userId, role: 'OWNER' } }, admin.token);
      expect(selfPromote.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const inviteOwner = await p.rest('POST', '/account/team/', {
        token: admin.token,
        body: { email: uniqueEmail(), role: 'owner' },
      });
      expect(inviteOwner.status).toBe(403);
      const demote = await p.rest('PATCH', `/account/team/${team.userId}/`, {
        token: admin.token,
        body: { role: 'viewer' },
      });
      expect(demote.status).toBe(403);
      const remove = await p.rest('DELETE', `/account/team/${team.userId}/`, { token: admin.token });
      expect(remove.status).toBe(403);
      // An admin may still manage non-owners.
      const ok = await p.gql(SET_ROLE, { input: { userId: viewer.userId, role: 'EDITOR' } }, admin.token);
      expect(ok.data?.updateMemberRole).toEqual({ id: viewer.userId, role: 'EDITOR' });
      await p.gql(SET_ROLE, { input: { userId: viewer.userId, role: 'VIEWER' } }, admin.token);
      viewer = await refreshSession(p.gql, viewer);
    });

    it('keeps the last owner: neither removable nor demotable; with two owners one can step down', async () => {
      const demoteSelf = await p.gql(SET_ROLE, { input: { userId: team.userId, role: 'ADMIN' } }, team.token);
      expect(demoteSelf.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(demoteSelf.errors?.[0]?.extensions?.fields).toHaveProperty('role');
      const removeSelf = await p.rest('DELETE', `/account/team/${team.userId}/`, { token: team.token });
      expect(removeSelf.status).toBe(400);
      expect(removeSelf.body.errors).toHaveProperty('id');

      const promoted = await p.gql(SET_ROLE, { input: { userId: admin.userId, role: 'OWNER' } }, team.token);
      expect(promoted.data?.updateMemberRole.role).toBe('OWNER');
      // A role change ends the member's access tokens: the next one (after a refresh) is an owner's.
      admin = await refreshSession(p.gql, admin);
      const stepDown = await p.rest('PATCH', `/account/team/${team.userId}/`, {
        token: team.token,
        body: { role: 'admin' },
      });
      expect(stepDown.status).toBe(200);
      expect(stepDown.body.data.role).toBe('admin');
      // Now the other owner is the last one.
      const demoteLast = await p.gql(SET_ROLE, { input: { userId: admin.userId, role: 'EDITOR' } }, admin.token);
      expect(demoteLast.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const members = await p.gql('{ members { edges { node { id role } } } }', {}, admin.token);
      expect(nodesOf(members.data.members).filter((m: { role: string }) => m.role === 'OWNER')).toEqual([
        { id: admin.userId, role: 'OWNER' },
      ]);
      // Restore for the other tests: the original owner is owner again.
      await p.gql(SET_ROLE, { input: { userId: team.userId, role: 'OWNER' } }, admin.token);
      team = await refreshSession(p.gql, team);
    });

    it('lets an owner remove a member, whose refresh token then stops working', async () => {
      const editor = await addMember(p, team, 'EDITOR');
      const removed = await p.gql(REMOVE, { input: { userId: editor.userId } }, team.token);
      expect(removed.data?.removeMember).toBe(editor.userId);
      expect((await p.rest('POST', '/auth/refresh/', { body: { refresh: editor.refreshToken } })).status).toBe(401);
      const login = await p.rest('POST', '/auth/login/', { body: { email: editor.email, password: PASSWORD } });
      expect(login.status).toBe(401);
    });
  });

  describe('passwords', () => {
    it('signs out other sessions on a password change and keeps the new one', async () => {
      const user = await registerOwner(p);
      const other = await p.rest('POST', '/auth/login/', { body: { email: user.email, password: PASSWORD } });
      const newPassword = 'battery staple 99';
      const changed = await p.rest('POST', '/auth/password/change/', {
        token: user.token,
        body: { current_password: PASSWORD, new_password: newPassword },
      });
      expect(changed.status).toBe(200);
      expect((await p.rest('POST', '/auth/refresh/', { body: { refresh: other.body.data.refresh } })).status).toBe(401);
      expect((await p.rest('POST', '/auth/refresh/', { body: { refresh: user.refreshToken } })).status).toBe(401);
      expect((await p.rest('POST', '/auth/refresh/', { body: { refresh: changed.body.data.refresh } })).status).toBe(
        200,
      );
      expect((await p.rest('POST', '/auth/login/', { body: { email: user.email, password: PASSWORD } })).status).toBe(
        401,
      );
      expect(
        (await p.rest('POST', '/auth/login/', { body: { email: user.email, password: newPassword } })).status,
      ).toBe(200);
    });

    it('refuses a wrong current password and a weak new one, naming the field', async () => {
      const user = await registerOwner(p);
      const wrong = await p.rest('POST', '/auth/password/change/', {
        token: user.token,
        body: { current_password: 'not it at all 1', new_password: 'battery staple 99' },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toHaveProperty('current_password');
      const weak = await p.rest('POST', '/auth/password/change/', {
        token: user.token,
        body: { current_password: PASSWORD, new_password: 'short' },
      });
      expect(weak.status).toBe(400);
      expect(weak.body.errors).toHaveProperty('new_password');
    });

    it('resets a password end to end; the link works once and never travels over the API', async () => {
      const user = await registerOwner(p);
      const info = vi.spyOn(p.system.services.log, 'info');
      try {
        const asked = await p.rest('POST', '/auth/password/reset/', { body: { email: user.email } });
        expect(asked.status).toBe(200);
        expect(JSON.stringify(asked.body)).not.toMatch(/token/i);
        const unknown = await p.rest('POST', '/auth/password/reset/', { body: { email: uniqueEmail('ghost') } });
        expect(unknown.status).toBe(200);
        expect(unknown.body.message).toBe(asked.body.message);

        const links = info.mock.calls
          .map(([fields]) => (fields as { resetUrl?: string }).resetUrl)
          .filter((url): url is string => typeof url === 'string');
        expect(links).toHaveLength(1);
        const token = new URL(links[0]!).searchParams.get('token')!;

        const newPassword = 'reset and ready 7';
        const weak = await p.rest('POST', '/auth/password/reset/confirm/', { body: { token, new_password: 'weak' } });
        expect(weak.status).toBe(400);
        expect(weak.body.errors).toHaveProperty('new_password');

        const confirmed = await p.rest('POST', '/auth/password/reset/confirm/', {
          body: { token, new_password: newPassword },
        });
        expect(confirmed.status).toBe(200);
        expect(
          (await p.rest('POST', '/auth/login/', { body: { email: user.email, password: newPassword } })).status,
        ).toBe(200);
        // The reset closed the sessions opened with the old password.
        expect((await p.rest('POST', '/auth/refresh/', { body: { refresh: user.refreshToken } })).status).toBe(401);

        const reused = await p.rest('POST', '/auth/password/reset/confirm/', {
          body: { token, new_password: 'another one 88' },
        });
        expect(reused.status).toBe(400);
        expect(reused.body.errors).toEqual({ token: [expect.stringMatching(/invalid or has expired/)] });
      } finally {
        info.mockRestore();
      }
    });
  });

  describe('invitations', () => {
    it('invites, accepts, signs the member in, and refuses the invitation a second time', async () => {
      const boss = await registerOwner(p, 'Invite Agency');
      await setPlan(p, boss.accountId, 'growth');
      const email = uniqueEmail('invitee');
      const invited = await p.rest('POST', '/account/team/', {
        token: boss.token,
        body: { email, role: 'editor', first_name: 'Ivy' },
      });
      expect(invited.status).toBe(201);
      expect(invited.body.data).toMatchObject({ email, role: 'editor', status: 'invited', mail_delivery: 'outbox' });
      const token = new URL(invited.body.data.invite_url).searchParams.get('token')!;

      const accepted = await p.rest('POST', '/auth/invitations/accept/', { body: { token, password: PASSWORD } });
      expect(accepted.status).toBe(200);
      expect(accepted.body.data.user).toMatchObject({ email, role: 'editor', account: { id: boss.accountId } });

      const login = await p.rest('POST', '/auth/login/', { body: { email, password: PASSWORD } });
      expect(login.status).toBe(200);
      const me = await p.rest('GET', '/auth/me/', { token: login.body.data.access });
      expect(me.body.data).toMatchObject({ email, role: 'editor', status: 'active', account: { id: boss.accountId } });

      const again = await p.rest('POST', '/auth/invitations/accept/', { body: { token, password: 'take over 1234' } });
      expect(again.status).toBe(400);
      expect(again.body.errors).toHaveProperty('token');
      // The second attempt changed nothing: the member's password is still theirs.
      expect((await p.rest('POST', '/auth/login/', { body: { email, password: PASSWORD } })).status).toBe(200);
    });
  });
});
