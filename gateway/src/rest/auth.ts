// /api/v1/auth/*: sign-up, sign-in, sessions, passwords, the current user.
import type { Router } from 'express';
import { toGraphqlInput } from './case.js';
import { RestFailure, sendData } from './envelope.js';
import { bodyOf } from './kit/params.js';
import { handle, type OperationRunner } from './runner.js';

const USER = 'id email username firstName lastName role status account: accountId';
const SESSION = `accessToken refreshToken expiresIn user { id email username firstName lastName role } account { id name slug }`;

interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Record<string, unknown>;
  account: { id: string; name: string; slug: string };
}

/** The original login answer: `{ user: {…, account}, access, refresh }`. */
const sessionData = (s: Session) => ({
  user: { ...s.user, account: s.account },
  access: s.accessToken,
  refresh: s.refreshToken,
  accessExpiresIn: s.expiresIn,
});

const requireString = (body: Record<string, unknown>, field: string): string => {
  const value = body[field];
  if (typeof value !== 'string' || !value)
    throw new RestFailure(400, `${field} is required.`, { [field]: ['is required'] });
  return value;
};

export function mountAuthRoutes(router: Router, graph: OperationRunner): void {
  router.post(
    '/auth/register/',
    handle(async (req, res) => {
      const body = bodyOf(req);
      const input = toGraphqlInput(body) as Record<string, unknown>;
      // The original takes first/last name and an optional account name.
      const name = (input.name as string | undefined) ?? [input.firstName, input.lastName].filter(Boolean).join(' ');
      const accountName = (input.accountName as string | undefined) ?? (name ? `${name}'s account` : undefined);
      const data = await graph.run<{ register: Session }>(
        req,
        `mutation Register($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`,
        { input: { email: input.email, password: input.password, name, accountName } },
      );
      sendData(res, sessionData(data.register), 201, 'Account created.');
    }),
  );

  router.post(
    '/auth/login/',
    handle(async (req, res) => {
      const body = bodyOf(req);
      const data = await graph.run<{ login: Session }>(
        req,
        `mutation Login($input: LoginInput!) { login(input: $input) { ${SESSION} } }`,
        { input: { email: body.email, password: body.password } },
      );
      sendData(res, sessionData(data.login), 200, 'Signed in.');
    }),
  );

  const refresh = handle(async (req, res) => {
    const token = requireString(bodyOf(req), 'refresh');
    const data = await graph.run<{ refreshToken: Session }>(
      req,
      `mutation Refresh($t: String!) { refreshToken(refreshToken: $t) { ${SESSION} } }`,
      { t: token },
      { refreshToken: 'refresh', t: 'refresh' },
    );
    sendData(res, sessionData(data.refreshToken));
  });
  router.post('/auth/refresh/', refresh);
  router.post('/auth/token/refresh/', refresh);

  router.post(
    '/auth/logout/',
    handle(async (req, res) => {
      const body = bodyOf(req);
      if (typeof body.refresh === 'string' && body.refresh) {
        await graph.run(
          req,
          'mutation Logout($t: String!) { logout(refreshToken: $t) }',
          { t: body.refresh },
          { refreshToken: 'refresh', t: 'refresh' },
        );
      }
      sendData(res, null, 200, 'Signed out.');
    }),
  );

  const me = handle(async (req, res) => {
    const data = await graph.run<{ me: Record<string, unknown> | null; account: Record<string, unknown> }>(
      req,
      `query Me { me { ${USER} } account { id name slug status enabledModules plan { slug name } } }`,
    );
    if (!data.me) throw new RestFailure(401, 'Sign in first: this needs a valid access token or API key.');
    sendData(res, { ...data.me, account: data.account });
  });
  router.get('/auth/me/', me);
  router.get('/auth/users/me/', me);

  router.post(
    '/auth/password/change/',
    handle(async (req, res) => {
      const body = toGraphqlInput(bodyOf(req)) as Record<string, unknown>;
      const data = await graph.run<{ changePassword: Session }>(
        req,
        `mutation Change($input: ChangePasswordInput!) { changePassword(input: $input) { ${SESSION} } }`,
        {
          input: {
            currentPassword: body.currentPassword ?? body.oldPassword,
            newPassword: body.newPassword,
          },
        },
      );
      sendData(res, sessionData(data.changePassword), 200, 'Password changed; other sessions were signed out.');
    }),
  );

  router.post(
    '/auth/password/reset/',
    handle(async (req, res) => {
      await graph.run(
        req,
        'mutation Reset($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }',
        {
          input: { email: bodyOf(req).email },
        },
      );
      sendData(res, null, 200, 'If the e-mail is registered, a reset link is on its way.');
    }),
  );

  router.post(
    '/auth/password/reset/confirm/',
    handle(async (req, res) => {
      const body = toGraphqlInput(bodyOf(req)) as Record<string, unknown>;
      await graph.run(
        req,
        'mutation Confirm($input: ConfirmPasswordResetInput!) { confirmPasswordReset(input: $input) }',
        {
          input: { token: body.token, newPassword: body.newPassword ?? body.password },
        },
      );
      sendData(res, null, 200, 'Password changed: sign in with the new one.');
    }),
  );

  router.post(
    '/auth/invitations/accept/',
    handle(async (req, res) => {
      const body = toGraphqlInput(bodyOf(req)) as Record<string, unknown>;
      const data = await graph.run<{ acceptInvite: Session }>(
        req,
        `mutation Accept($input: AcceptInviteInput!) { acceptInvite(input: $input) { ${SESSION} } }`,
        { input: { token: body.token, password: body.password, firstName: body.firstName, lastName: body.lastName } },
      );
      sendData(res, sessionData(data.acceptInvite), 200, 'Welcome aboard.');
    }),
  );

  router.get(
    '/auth/plans/',
    handle(async (req, res) => {
      const data = await graph.run<{ plans: unknown[] }>(
        req,
        'query Plans { plans { id slug name priceCents currency billingCycle includedCredits maxSites maxUsers maxKeywords maxAuthorProfiles features } }',
      );
      sendData(res, data.plans);
    }),
  );

  router.get(
    '/auth/industries/',
    handle(async (req, res) => {
      const data = await graph.run<{ industries: unknown[] }>(
        req,
        'query Industries { industries { id slug name description sectors { id slug name } } }',
      );
      sendData(res, data.industries);
    }),
  );
}
