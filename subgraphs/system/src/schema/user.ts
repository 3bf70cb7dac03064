// User: a member of an account. An entity other subgraphs reference (e.g. who started a job).
import { loadReference } from '@igny8/lib';
import { builder, type SystemContext } from '../builder.js';
import { preferencesSeenBy } from '../domain/account.js';
import { type UserRow, usersByIds } from '../domain/team.js';
import { RoleEnum, UserStatusEnum } from './enums.js';

export const UserRef = builder.objectRef<UserRow>('User');

/** Users of the caller's account by id, batched; another account's ids resolve to null. */
export const loadUser = (ctx: SystemContext, id: string) =>
  loadReference(ctx, 'User', (caller, ids) => usersByIds(ctx.system, caller, ids), id);

builder.asEntity(UserRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadUser(ctx, ref.id),
});

UserRef.implement({
  description: 'A person who signs in to an account.',
  fields: (t) => ({
    id: t.exposeID('id'),
    accountId: t.exposeID('accountId'),
    email: t.exposeString('email'),
    username: t.exposeString('username'),
    firstName: t.exposeString('firstName'),
    lastName: t.exposeString('lastName'),
    name: t.string({ resolve: (u) => [u.firstName, u.lastName].filter(Boolean).join(' ') || u.username }),
    role: t.field({ type: RoleEnum, resolve: (u) => u.role }),
    status: t.field({ type: UserStatusEnum, resolve: (u) => u.status }),
    lastLoginAt: t.field({ type: 'DateTime', nullable: true, resolve: (u) => u.lastLoginAt }),
    invitedAt: t.field({ type: 'DateTime', nullable: true, resolve: (u) => u.invitedAt }),
    preferences: t.field({
      type: 'JSON',
      description: 'Only visible to the user themself.',
      nullable: true,
      resolve: (u, _args, ctx) => preferencesSeenBy(ctx.caller, u),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (u) => u.createdAt }),
  }),
});
