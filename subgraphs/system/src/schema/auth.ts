// Sign-up, sign-in, sessions and passwords.

import { callerOf } from '@igny8/lib';
import { z } from 'zod';
import { builder } from '../builder.js';
import { getMe, updatePreferences, updateProfile } from '../domain/account.js';
import * as auth from '../domain/auth.js';
import * as v from '../domain/validation.js';
import { AccountRef } from './account.js';
import { UserRef } from './user.js';

const AuthPayloadRef = builder.objectRef<auth.AuthPayload>('AuthPayload').implement({
  description: 'A new session: a 15-minute access token and a 7-day rotating refresh token.',
  fields: (t) => ({
    accessToken: t.exposeString('accessToken'),
    refreshToken: t.exposeString('refreshToken'),
    expiresIn: t.exposeInt('expiresIn', { description: 'Seconds until the access token expires.' }),
    user: t.field({ type: UserRef, resolve: (p) => p.user }),
    account: t.field({ type: AccountRef, resolve: (p) => p.account }),
  }),
});

const RegisterInput = builder.inputType('RegisterInput', {
  validate: z.looseObject({
    email: v.email,
    password: v.password,
    name: v.personName,
    accountName: v.title,
  }),
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
    name: t.string({ required: true }),
    accountName: t.string({ required: true }),
  }),
});

const LoginInput = builder.inputType('LoginInput', {
  validate: z.looseObject({
    email: v.email,
    password: v.secretInput,
  }),
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
  }),
});

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  validate: z.looseObject({
    currentPassword: v.secretInput,
    newPassword: v.password,
  }),
  fields: (t) => ({
    currentPassword: t.string({ required: true }),
    newPassword: t.string({ required: true }),
  }),
});

const RequestPasswordResetInput = builder.inputType('RequestPasswordResetInput', {
  fields: (t) => ({ email: t.string({ required: true, validate: v.email }) }),
});

const ConfirmPasswordResetInput = builder.inputType('ConfirmPasswordResetInput', {
  validate: z.looseObject({
    token: v.secretInput,
    newPassword: v.password,
  }),
  fields: (t) => ({
    token: t.string({ required: true }),
    newPassword: t.string({ required: true }),
  }),
});

const AcceptInviteInput = builder.inputType('AcceptInviteInput', {
  validate: z.looseObject({
    token: v.secretInput,
    password: v.password,
    firstName: v.optionalName.nullish(),
    lastName: v.optionalName.nullish(),
  }),
  fields: (t) => ({
    token: t.string({ required: true }),
    password: t.string({ required: true }),
    firstName: t.string(),
    lastName: t.string(),
  }),
});

const UpdateProfileInput = builder.inputType('UpdateProfileInput', {
  validate: z.looseObject({
    firstName: v.optionalName.nullish(),
    lastName: v.optionalName.nullish(),
    username: v.title.nullish(),
  }),
  fields: (t) => ({
    firstName: t.string(),
    lastName: t.string(),
    username: t.string(),
  }),
});

const UpdatePreferencesInput = builder.inputType('UpdatePreferencesInput', {
  fields: (t) => ({ preferences: t.field({ type: 'JSON', required: true }) }),
});

builder.queryFields((t) => ({
  me: t.field({
    type: UserRef,
    nullable: true,
    description: 'The signed-in user, or null without a credential.',
    resolve: (_root, _args, ctx) => (ctx.caller ? getMe(ctx.system, ctx.caller) : null),
  }),
}));

builder.mutationFields((t) => ({
  register: t.field({
    type: AuthPayloadRef,
    description: 'Creates an account on the free plan (trial) with the caller as its owner, and signs in.',
    args: { input: t.arg({ type: RegisterInput, required: true }) },
    resolve: (_root, { input }, ctx) => auth.register(ctx.system, { ip: ctx.clientIp }, input),
  }),
  login: t.field({
    type: AuthPayloadRef,
    args: { input: t.arg({ type: LoginInput, required: true }) },
    resolve: (_root, { input }, ctx) => auth.login(ctx.system, { ip: ctx.clientIp }, input),
  }),
  refreshToken: t.field({
    type: AuthPayloadRef,
    description: 'Trades a refresh token for a new pair. Each refresh token works once.',
    args: { refreshToken: t.arg.string({ required: true, validate: v.secretInput }) },
    resolve: (_root, args, ctx) => auth.refresh(ctx.system, { ip: ctx.clientIp }, args.refreshToken),
  }),
  logout: t.boolean({
    description:
      "Ends the refresh token's session (every token rotated from the same sign-in) and its access tokens, at once; `everywhere` ends every session of its user.",
    args: {
      refreshToken: t.arg.string({ required: true, validate: v.secretInput }),
      everywhere: t.arg.boolean({ required: false, defaultValue: false }),
    },
    resolve: (_root, args, ctx) => auth.logout(ctx.system, args.refreshToken, args.everywhere ?? false),
  }),
  changePassword: t.field({
    type: AuthPayloadRef,
    description: 'Changes the password, signs out every other session and returns a fresh one.',
    authScopes: { scope: 'write' },
    args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
    resolve: (_root, { input }, ctx) => auth.changePassword(ctx.system, callerOf(ctx), input),
  }),
  requestPasswordReset: t.boolean({
    description: 'Sends a reset link if the e-mail is registered; answers the same either way.',
    args: { input: t.arg({ type: RequestPasswordResetInput, required: true }) },
    resolve: (_root, { input }, ctx) => auth.requestPasswordReset(ctx.system, { ip: ctx.clientIp }, input.email),
  }),
  confirmPasswordReset: t.boolean({
    args: { input: t.arg({ type: ConfirmPasswordResetInput, required: true }) },
    resolve: (_root, { input }, ctx) => auth.confirmPasswordReset(ctx.system, { ip: ctx.clientIp }, input),
  }),
  acceptInvite: t.field({
    type: AuthPayloadRef,
    description: 'The invited member sets a password and is signed in.',
    args: { input: t.arg({ type: AcceptInviteInput, required: true }) },
    resolve: (_root, { input }, ctx) => auth.acceptInvite(ctx.system, { ip: ctx.clientIp }, input),
  }),
  updateProfile: t.field({
    type: UserRef,
    // A read-only credential (READ API key) changes nothing.
    authScopes: { scope: 'write' },
    args: { input: t.arg({ type: UpdateProfileInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateProfile(ctx.system, callerOf(ctx), input),
  }),
  updatePreferences: t.field({
    type: UserRef,
    authScopes: { scope: 'write' },
    args: { input: t.arg({ type: UpdatePreferencesInput, required: true }) },
    resolve: (_root, { input }, ctx) => updatePreferences(ctx.system, callerOf(ctx), input.preferences),
  }),
}));
