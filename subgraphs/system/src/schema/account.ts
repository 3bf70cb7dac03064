// Account: the tenant. Its settings, modules, members and subscription.

import { callerOf, loadReference, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder, type SystemContext } from '../builder.js';
import {
  type AccountCreditProfile,
  type AccountRow,
  accountsByIds,
  getAccount,
  getAccountCreditProfile,
  type SubscriptionRow,
  setAccountPlan,
  setModuleEnabled,
  subscriptionOf,
  updateAccountSettings,
} from '../domain/account.js';
import * as v from '../domain/validation.js';
import { loadPlan, PlanRef } from './catalog.js';
import { AccountStatusEnum, ModuleEnum, SubscriptionStatusEnum } from './enums.js';
import { resolveMembers, UserConnection } from './team.js';
import { UserRef } from './user.js';

export const AccountRef = builder.objectRef<AccountRow>('Account');

/** Only the caller's own account resolves (the platform operator's references resolve to theirs too). */
const loadAccount = (ctx: SystemContext, id: string) =>
  loadReference(ctx, 'Account', (caller, ids) => accountsByIds(ctx.system, caller, ids), id);

builder.asEntity(AccountRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadAccount(ctx, ref.id),
});

const SubscriptionRef = builder.objectRef<SubscriptionRow>('AccountSubscription').implement({
  description: "The account's subscription to its plan.",
  fields: (t) => ({
    id: t.exposeID('id'),
    plan: t.field({ type: PlanRef, resolve: async (sub, _a, ctx) => (await loadPlan(ctx, sub.planId))! }),
    status: t.field({ type: SubscriptionStatusEnum, resolve: (sub) => sub.status }),
    currentPeriodStart: t.field({ type: 'DateTime', resolve: (sub) => sub.currentPeriodStart }),
    currentPeriodEnd: t.field({ type: 'DateTime', resolve: (sub) => sub.currentPeriodEnd }),
    cancelAtPeriodEnd: t.exposeBoolean('cancelAtPeriodEnd'),
  }),
});

AccountRef.implement({
  description: 'A customer of IGNY8: a team with sites, a plan and credits.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    slug: t.exposeString('slug'),
    status: t.field({ type: AccountStatusEnum, resolve: (a) => a.status }),
    plan: t.field({ type: PlanRef, resolve: async (a, _args, ctx) => (await loadPlan(ctx, a.planId))! }),
    timezone: t.exposeString('timezone'),
    billingEmail: t.exposeString('billingEmail', { nullable: true }),
    billingAddress: t.exposeString('billingAddress', { nullable: true }),
    taxId: t.exposeString('taxId', { nullable: true }),
    enabledModules: t.field({ type: [ModuleEnum], resolve: (a) => a.enabledModules }),
    members: t.connection(
      {
        type: UserRef,
        description: 'The members, invited ones included, oldest first.',
        authScopes: scopePresets.member,
        resolve: (_a, args, ctx) => resolveMembers(args, ctx),
      },
      UserConnection,
    ),
    subscription: t.field({
      type: SubscriptionRef,
      nullable: true,
      resolve: (a, _args, ctx) => subscriptionOf(ctx.system, callerOf(ctx), a.id),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (a) => a.createdAt }),
  }),
});

const AccountCreditProfileRef = builder.objectRef<AccountCreditProfile>('AccountCreditProfile').implement({
  description: "Service only: an account's plan and the credits it includes (billing opens credits from it).",
  inaccessible: true,
  fields: (t) => ({
    accountId: t.exposeID('accountId'),
    planSlug: t.exposeString('planSlug'),
    planName: t.exposeString('planName'),
    includedCredits: t.exposeInt('includedCredits'),
  }),
});

builder.queryFields((t) => ({
  account: t.field({
    type: AccountRef,
    description: "The caller's account.",
    authScopes: scopePresets.member,
    resolve: (_root, _args, ctx) => getAccount(ctx.system, callerOf(ctx)),
  }),
  accountCreditProfile: t.field({
    type: AccountCreditProfileRef,
    description: "Service only (never exposed by the gateway): the plan behind an account's credits.",
    authScopes: { service: true },
    inaccessible: true,
    args: { accountId: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => getAccountCreditProfile(ctx.system, args.accountId),
  }),
}));

const UpdateAccountSettingsInput = builder.inputType('UpdateAccountSettingsInput', {
  validate: z.looseObject({
    name: v.title.nullish(),
    timezone: v.timezone.nullish(),
    billingEmail: v.email.or(v.emptyString).nullish(),
    billingAddress: v.shortText.nullish(),
    taxId: v.optionalName.nullish(),
  }),
  fields: (t) => ({
    name: t.string(),
    timezone: t.string(),
    billingEmail: t.string(),
    billingAddress: t.string(),
    taxId: t.string(),
  }),
});

const SetModuleEnabledInput = builder.inputType('SetModuleEnabledInput', {
  fields: (t) => ({
    module: t.field({ type: ModuleEnum, required: true }),
    enabled: t.boolean({ required: true }),
  }),
});

const AdminSetAccountPlanInput = builder.inputType('AdminSetAccountPlanInput', {
  validate: z.looseObject({
    accountId: v.uuid,
    planSlug: v.title,
  }),
  fields: (t) => ({
    accountId: t.id({ required: true }),
    planSlug: t.string({ required: true }),
  }),
});

builder.mutationFields((t) => ({
  updateAccountSettings: t.field({
    type: AccountRef,
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: UpdateAccountSettingsInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateAccountSettings(ctx.system, callerOf(ctx), input),
  }),
  setModuleEnabled: t.field({
    type: AccountRef,
    description: "Switches a module on or off for the whole account; a disabled module's operations are refused.",
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: SetModuleEnabledInput, required: true }) },
    resolve: (_root, { input }, ctx) => setModuleEnabled(ctx.system, callerOf(ctx), input.module, input.enabled),
  }),
  adminSetAccountPlan: t.field({
    type: AccountRef,
    description: 'Platform operator: moves an account to another plan.',
    authScopes: scopePresets.operator,
    args: { input: t.arg({ type: AdminSetAccountPlanInput, required: true }) },
    resolve: (_root, { input }, ctx) => setAccountPlan(ctx.system, input.accountId, input.planSlug),
  }),
}));
