// Team management: invite, change role, remove.

import type { MailDeliveryStatus } from '@igny8/lib';
import { type ConnectionArgs, callerOf, connectionOf, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder, type SystemContext } from '../builder.js';
import type { UserRow } from '../domain/team.js';
import { inviteMember, listMembers, removeMember, updateMemberRole } from '../domain/team.js';
import * as v from '../domain/validation.js';
import { TeamRoleEnum } from './enums.js';
import { MailDeliveryEnum } from './mail.js';
import { UserRef } from './user.js';

const InviteMemberPayloadRef = builder
  .objectRef<{ member: UserRow; inviteUrl: string; mailDelivery: MailDeliveryStatus }>('InviteMemberPayload')
  .implement({
    fields: (t) => ({
      member: t.field({ type: UserRef, resolve: (p) => p.member }),
      inviteUrl: t.exposeString('inviteUrl', {
        description: 'The link the invited person opens to set a password; share it yourself unless it was e-mailed.',
      }),
      mailDelivery: t.expose('mailDelivery', {
        type: MailDeliveryEnum,
        description: 'Whether the invitation was e-mailed to them (SENT).',
      }),
    }),
  });

const InviteMemberInput = builder.inputType('InviteMemberInput', {
  validate: z.looseObject({
    email: v.email,
    firstName: v.optionalName.nullish(),
    lastName: v.optionalName.nullish(),
  }),
  fields: (t) => ({
    email: t.string({ required: true }),
    role: t.field({ type: TeamRoleEnum, required: true }),
    firstName: t.string(),
    lastName: t.string(),
  }),
});

const UpdateMemberRoleInput = builder.inputType('UpdateMemberRoleInput', {
  validate: z.looseObject({
    userId: v.uuid,
  }),
  fields: (t) => ({
    userId: t.id({ required: true }),
    role: t.field({ type: TeamRoleEnum, required: true }),
  }),
});

const RemoveMemberInput = builder.inputType('RemoveMemberInput', {
  fields: (t) => ({ userId: t.id({ required: true, validate: v.uuid }) }),
});

/** A page of the account's members (`members`, `Account.members`). */
export const UserConnection = builder.connectionObject({ type: UserRef, name: 'UserConnection' }, { name: 'UserEdge' });

export const resolveMembers = (args: ConnectionArgs, ctx: SystemContext) =>
  connectionOf(args, (page) => listMembers(ctx.system, callerOf(ctx), { page }));

builder.queryFields((t) => ({
  members: t.connection(
    {
      type: UserRef,
      description: "The account's members, invited ones included, oldest first.",
      authScopes: scopePresets.member,
      resolve: (_root, args, ctx) => resolveMembers(args, ctx),
    },
    UserConnection,
  ),
}));

builder.mutationFields((t) => ({
  inviteMember: t.field({
    type: InviteMemberPayloadRef,
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: InviteMemberInput, required: true }) },
    resolve: (_root, { input }, ctx) => inviteMember(ctx.system, callerOf(ctx), input),
  }),
  updateMemberRole: t.field({
    type: UserRef,
    description: 'Only owners can make or unmake owners; the last owner cannot be demoted.',
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: UpdateMemberRoleInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateMemberRole(ctx.system, callerOf(ctx), input),
  }),
  removeMember: t.id({
    description: "Removes a member and revokes the API keys they created. Returns the member's id.",
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: RemoveMemberInput, required: true }) },
    resolve: (_root, { input }, ctx) => removeMember(ctx.system, callerOf(ctx), input.userId),
  }),
}));
