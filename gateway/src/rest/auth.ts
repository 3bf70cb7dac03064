// /api/v1/auth/*: sign-up, sign-in, sessions, passwords, the current user.
import type { Router } from 'express';
import { RestFailure, sendData } from './envelope.js';
import {
  RestAcceptInviteDocument,
  RestChangePasswordDocument,
  RestConfirmPasswordResetDocument,
  RestIndustriesDocument,
  RestLoginDocument,
  RestLogoutDocument,
  RestMeDocument,
  RestPlansDocument,
  RestRefreshDocument,
  RestRegisterDocument,
  RestRequestPasswordResetDocument,
  type RestSessionFragment,
} from './gql/graphql.js';
import { requiredText } from './kit/params.js';
import { action, create, custom, get, list, mountRoutes, type RestCased } from './kit/routes.js';
import type { OperationRunner } from './runner.js';

/** The original login answer: `{ user: {…, account}, access, refresh }`. */
const sessionData = (s: RestCased<RestSessionFragment>) => ({
  user: { ...s.user, account: s.account },
  access: s.accessToken,
  refresh: s.refreshToken,
  accessExpiresIn: s.expiresIn,
});

/** The refresh token is `refresh` in the original's bodies. */
const REFRESH_NAMES = { refreshToken: 'refresh' };

export function mountAuthRoutes(router: Router, graph: OperationRunner): void {
  mountRoutes(router, graph, [
    create({
      path: '/auth/register/',
      operation: RestRegisterDocument,
      variables: ({ body }) => {
        // The original takes first/last name and an optional account name.
        const name = (body.name as string | undefined) ?? [body.first_name, body.last_name].filter(Boolean).join(' ');
        const accountName = body.account_name ?? (name ? `${name}'s account` : undefined);
        return { input: { email: body.email, password: body.password, name, account_name: accountName } };
      },
      answer: (data) => sessionData(data.register),
      message: 'Account created.',
    }),
    action({
      path: '/auth/login/',
      operation: RestLoginDocument,
      variables: ({ body }) => ({ input: { email: body.email, password: body.password } }),
      answer: (data) => sessionData(data.login),
      message: 'Signed in.',
    }),
    action({
      path: ['/auth/refresh/', '/auth/token/refresh/'],
      operation: RestRefreshDocument,
      variables: ({ body }) => ({ refreshToken: requiredText(body, 'refresh') }),
      restNames: REFRESH_NAMES,
      answer: (data) => sessionData(data.refreshToken),
    }),
    custom({
      method: 'post',
      path: '/auth/logout/',
      restNames: REFRESH_NAMES,
      async handle(call, res) {
        // `everywhere: true` signs the user out of every session, not only this one.
        const { refresh, everywhere } = call.body;
        if (typeof refresh === 'string' && refresh) {
          await call.run(RestLogoutDocument, { refreshToken: refresh, everywhere: everywhere === true });
        }
        sendData(res, null, 200, 'Signed out.');
      },
    }),
    get({
      path: ['/auth/me/', '/auth/users/me/'],
      operation: RestMeDocument,
      answer: ({ me, account }) => {
        if (!me) throw new RestFailure(401, 'Sign in first: this needs a valid access token or API key.');
        return { ...me, account };
      },
    }),
    action({
      path: '/auth/password/change/',
      operation: RestChangePasswordDocument,
      variables: ({ body }) => ({
        input: { current_password: body.current_password ?? body.old_password, new_password: body.new_password },
      }),
      answer: (data) => sessionData(data.changePassword),
      message: 'Password changed; other sessions were signed out.',
    }),
    action({
      path: '/auth/password/reset/',
      operation: RestRequestPasswordResetDocument,
      variables: ({ body }) => ({ input: { email: body.email } }),
      answer: () => null,
      message: 'If the e-mail is registered, a reset link is on its way.',
    }),
    action({
      path: '/auth/password/reset/confirm/',
      operation: RestConfirmPasswordResetDocument,
      variables: ({ body }) => ({ input: { token: body.token, new_password: body.new_password ?? body.password } }),
      answer: () => null,
      message: 'Password changed: sign in with the new one.',
    }),
    action({
      path: '/auth/invitations/accept/',
      operation: RestAcceptInviteDocument,
      variables: ({ body }) => ({ input: body }),
      answer: (data) => sessionData(data.acceptInvite),
      message: 'Welcome aboard.',
    }),
    // Lists in the list envelope, as every list of the original API (a handful: paged here).
    list({ path: '/auth/plans/', operation: RestPlansDocument }),
    list({ path: '/auth/industries/', operation: RestIndustriesDocument }),
  ]);
}
