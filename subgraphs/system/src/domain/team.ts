// Team management: invitations, role changes and removals, with the last-owner rule.
import type { Tx } from '@igny8/db';
import {
  assertWithinPlan,
  BadUserInputError,
  type Caller,
  ConflictError,
  conflictOnDuplicate,
  ForbiddenError,
  hasRole,
  type MailDeliveryStatus,
  NotFoundError,
  type PageWindow,
  pageOf,
  type Role,
} from '@igny8/lib';
import * as accountsStore from '../store/accounts.js';
import * as keysStore from '../store/api-keys.js';
import type { UserRow } from '../store/users.js';
import * as usersStore from '../store/users.js';
import { teamInviteMail } from './mails.js';
import { randomToken, sha256 } from './secrets.js';
import type { SystemServices } from './services.js';

export type { UserRow } from '../store/users.js';

/** Roles a team admin can hand out; `developer` and `system_bot` are platform roles. */
export const TEAM_ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/**
 * The caller's role as stored now. A token's role claim can be up to 15 minutes old: an owner who
 * stepped down must not keep owner powers over the team until it expires.
 */
async function actingRole(tx: Tx, caller: Caller): Promise<Role> {
  if (caller.apiKeyId) return caller.role;
  const me = await usersStore.findUser(tx, caller.accountId, caller.userId);
  if (me?.status !== 'active') throw new ForbiddenError('You are no longer a member of this account.');
  if (!hasRole({ ...caller, role: me.role }, 'admin')) {
    throw new ForbiddenError('Your role does not allow this. Ask an account owner or admin.');
  }
  return me.role;
}

function assertMayGrant(actor: Role, role: Role, current?: Role): void {
  const touchesOwner = role === 'owner' || current === 'owner';
  if (touchesOwner && actor !== 'owner' && actor !== 'developer') {
    throw new ForbiddenError('Only an owner can make someone an owner or change an owner.');
  }
  if (current === 'developer' || current === 'system_bot') {
    throw new ForbiddenError('Platform accounts cannot be changed from team management.');
  }
}

/** The account's members, invited ones included, oldest first. */
export const listMembers = (s: SystemServices, caller: Caller, input: { page: PageWindow }) =>
  s.database.tenant(caller.accountId, (tx) =>
    pageOf(
      input.page,
      () => usersStore.countMembers(tx, caller.accountId),
      (range) => usersStore.listMembers(tx, caller.accountId, range),
    ),
  );

/** Members of the caller's account by id; another account's ids are left out. */
export const usersByIds = (s: SystemServices, caller: Caller, ids: readonly string[]) =>
  s.database.tenant(caller.accountId, (tx) => usersStore.findUsersByIds(tx, caller.accountId, ids));

export async function inviteMember(
  s: SystemServices,
  caller: Caller,
  input: { email: string; role: TeamRole; firstName?: string | null; lastName?: string | null },
): Promise<{ member: UserRow; inviteUrl: string; mailDelivery: MailDeliveryStatus }> {
  const token = randomToken();
  const { member, accountName } = await conflictOnDuplicate(
    () =>
      s.database.tenant(caller.accountId, async (tx) => {
        assertMayGrant(await actingRole(tx, caller), input.role);
        // Locked, so concurrent invitations take turns at the seat check.
        const account = await accountsStore.lockAccount(tx, caller.accountId);
        const [plan] = await accountsStore.findPlansByIds(tx, [account!.planId]);
        assertWithinPlan(
          {
            plan: plan!.name,
            max: plan!.maxUsers,
            noun: ['user', 'users'],
            remedy: 'remove a member to invite someone',
          },
          await usersStore.countSeats(tx, caller.accountId),
        );
        const inserted = await usersStore.insertUser(tx, {
          accountId: caller.accountId,
          email: input.email,
          username: input.email.split('@')[0]!.slice(0, 60),
          firstName: input.firstName ?? '',
          lastName: input.lastName ?? '',
          role: input.role,
          status: 'invited',
          inviteTokenHash: sha256(token),
          invitedAt: new Date(),
        });
        return { member: inserted, accountName: account!.name };
      }),
    () =>
      new ConflictError('Someone with this e-mail already has an IGNY8 login.', { email: ['is already registered'] }),
  );
  const inviteUrl = s.links.to('/accept-invite', { token });
  s.log.info({ userId: member.id }, 'member invited');
  // The invitation stands whatever the mail server says: the answer tells the inviter whether it
  // was e-mailed, and carries the link to pass on by hand when it was not.
  const receipt = await s.mailer.send(teamInviteMail, {
    to: member.email,
    data: { accountName, role: input.role, inviteUrl },
    about: { userId: member.id },
  });
  return { member, inviteUrl, mailDelivery: receipt.status };
}

export async function updateMemberRole(
  s: SystemServices,
  caller: Caller,
  input: { userId: string; role: TeamRole },
): Promise<UserRow> {
  const updated = await s.database.tenant(caller.accountId, async (tx) => {
    await usersStore.lockOwners(tx, caller.accountId);
    const actor = await actingRole(tx, caller);
    const member = await usersStore.findUser(tx, caller.accountId, input.userId);
    if (!member) throw new NotFoundError('Member', input.userId);
    assertMayGrant(actor, input.role, member.role);
    if (
      member.role === 'owner' &&
      input.role !== 'owner' &&
      (await usersStore.countOwners(tx, caller.accountId)) <= 1
    ) {
      throw new BadUserInputError('The account needs at least one owner: make someone else owner first.', {
        role: ['the last owner cannot be demoted'],
      });
    }
    return usersStore.updateUser(tx, caller.accountId, member.id, { role: input.role });
  });
  // The member's tokens for the old role stop everywhere before the answer (revocations.ts).
  await s.revocations.flush();
  return updated;
}

export async function removeMember(s: SystemServices, caller: Caller, userId: string): Promise<string> {
  const removed = await s.database.tenant(caller.accountId, async (tx) => {
    await usersStore.lockOwners(tx, caller.accountId);
    const actor = await actingRole(tx, caller);
    const member = await usersStore.findUser(tx, caller.accountId, userId);
    if (!member) throw new NotFoundError('Member', userId);
    assertMayGrant(actor, member.role, member.role);
    if (member.role === 'owner' && (await usersStore.countOwners(tx, caller.accountId)) <= 1) {
      throw new BadUserInputError('The account needs at least one owner: the last owner cannot be removed.', {
        userId: ['is the last owner'],
      });
    }
    await keysStore.revokeKeysCreatedBy(tx, caller.accountId, member.id);
    await usersStore.deleteUser(tx, caller.accountId, member.id);
    return member.id;
  });
  await s.revocations.flush();
  return removed;
}
