// The account's own settings, module switches, the member's profile and preferences,
// and the platform operator's plan changes.
import type { Module } from '@igny8/db/system';
import { BadUserInputError, type Caller, ForbiddenError, NotFoundError } from '@igny8/lib';
import type { AccountRow } from '../store/accounts.js';
import * as accountsStore from '../store/accounts.js';
import type { UserRow } from '../store/users.js';
import * as usersStore from '../store/users.js';
import type { SystemServices } from './services.js';

/** The records this module answers with (resolvers and other modules name them from here). */
export type {
  AccountRow,
  IndustryRow,
  IndustrySectorRow,
  PlanRow,
  SubscriptionRow,
} from '../store/accounts.js';

export async function getAccount(s: SystemServices, caller: Caller): Promise<AccountRow> {
  const { accountId } = caller;
  const account = await s.database.tenant(accountId, (tx) => accountsStore.findAccount(tx, accountId));
  if (!account) throw new NotFoundError('Account', accountId);
  return account;
}

export async function updateAccountSettings(
  s: SystemServices,
  caller: Caller,
  input: {
    name?: string | null;
    timezone?: string | null;
    billingEmail?: string | null;
    billingAddress?: string | null;
    taxId?: string | null;
  },
): Promise<AccountRow> {
  const changes: accountsStore.AccountChanges = {};
  if (input.name != null) changes.name = input.name;
  if (input.timezone != null) changes.timezone = input.timezone;
  if (input.billingEmail !== undefined) changes.billingEmail = input.billingEmail || null;
  if (input.billingAddress !== undefined) changes.billingAddress = input.billingAddress || null;
  if (input.taxId !== undefined) changes.taxId = input.taxId || null;
  return s.database.tenant(caller.accountId, async (tx) =>
    Object.keys(changes).length
      ? accountsStore.updateAccount(tx, caller.accountId, changes)
      : (await accountsStore.findAccount(tx, caller.accountId))!,
  );
}

export async function setModuleEnabled(
  s: SystemServices,
  caller: Caller,
  module: Module,
  enabled: boolean,
): Promise<AccountRow> {
  return s.database.tenant(caller.accountId, async (tx) => {
    const account = (await accountsStore.findAccount(tx, caller.accountId))!;
    const modules = new Set(account.enabledModules);
    if (enabled) modules.add(module);
    else modules.delete(module);
    return accountsStore.setEnabledModules(tx, caller.accountId, [...modules].sort());
  });
}

export async function getMe(s: SystemServices, caller: Caller): Promise<UserRow | undefined> {
  return s.database.tenant(caller.accountId, (tx) => usersStore.findUser(tx, caller.accountId, caller.userId));
}

export async function updateProfile(
  s: SystemServices,
  caller: Caller,
  input: { firstName?: string | null; lastName?: string | null; username?: string | null },
): Promise<UserRow> {
  const changes: usersStore.UserChanges = {};
  if (input.firstName != null) changes.firstName = input.firstName;
  if (input.lastName != null) changes.lastName = input.lastName;
  if (input.username != null) changes.username = input.username;
  return s.database.tenant(caller.accountId, async (tx) => {
    const user = Object.keys(changes).length
      ? await usersStore.updateUser(tx, caller.accountId, caller.userId, changes)
      : await usersStore.findUser(tx, caller.accountId, caller.userId);
    if (!user) throw new NotFoundError('User', caller.userId);
    return user;
  });
}

const MAX_PREFERENCES_BYTES = 16_384;

/** A user's preferences are theirs alone: null for anyone else, teammates and operators included. */
export const preferencesSeenBy = (caller: Caller | null, user: UserRow) =>
  caller?.userId === user.id ? user.preferences : null;

export async function updatePreferences(s: SystemServices, caller: Caller, preferences: unknown): Promise<UserRow> {
  if (caller.apiKeyId) throw new ForbiddenError('Preferences belong to a signed-in user.');
  if (typeof preferences !== 'object' || preferences === null || Array.isArray(preferences)) {
    throw BadUserInputError.field('preferences', 'must be a JSON object');
  }
  if (JSON.stringify(preferences).length > MAX_PREFERENCES_BYTES) {
    throw BadUserInputError.field('preferences', `must be at most ${MAX_PREFERENCES_BYTES} bytes of JSON`);
  }
  return s.database.tenant(caller.accountId, (tx) =>
    usersStore.updateUser(tx, caller.accountId, caller.userId, {
      preferences: preferences as Record<string, unknown>,
    }),
  );
}

/** The caller's own account when asked for by id; any other id is not theirs to see. */
export async function accountsByIds(s: SystemServices, caller: Caller, ids: readonly string[]): Promise<AccountRow[]> {
  if (!ids.includes(caller.accountId)) return [];
  const own = await s.database.tenant(caller.accountId, (tx) => accountsStore.findAccount(tx, caller.accountId));
  return own ? [own] : [];
}

/** An account's subscription: the caller's own, or any for the platform operator who holds the account. */
export const subscriptionOf = (s: SystemServices, _caller: Caller, accountId: string) =>
  s.database.tenant(accountId, async (tx) => (await accountsStore.findSubscription(tx, accountId)) ?? null);

/** Plans on sale; the platform operator (caller with the developer role) also sees internal ones. */
export const listPlans = (s: SystemServices, caller: Caller | null) =>
  s.database.system((tx) => accountsStore.listPlans(tx, caller?.role === 'developer'));

export const plansByIds = (s: SystemServices, ids: readonly string[]) =>
  s.database.system((tx) => accountsStore.findPlansByIds(tx, ids));

export const industriesByIds = (s: SystemServices, ids: readonly string[]) =>
  s.database.system((tx) => accountsStore.findIndustriesByIds(tx, ids));

export const industrySectorsByIds = (s: SystemServices, ids: readonly string[]) =>
  s.database.system((tx) => accountsStore.findIndustrySectorsByIds(tx, ids));

export const listIndustries = (s: SystemServices) => s.database.system((tx) => accountsStore.listIndustries(tx));

export const industrySectorsOf = (s: SystemServices, industryIds: readonly string[]) =>
  s.database.system((tx) => accountsStore.listIndustrySectors(tx, industryIds));

/** Platform operator: moves an account to another plan (billing will do this on payment later). */
export async function setAccountPlan(s: SystemServices, accountId: string, planSlug: string): Promise<AccountRow> {
  return s.database.tenant(accountId, async (tx) => {
    const account = await accountsStore.findAccount(tx, accountId);
    if (!account) throw new NotFoundError('Account', accountId);
    const plan = await accountsStore.findPlanBySlug(tx, planSlug);
    if (!plan) throw BadUserInputError.field('planSlug', 'is not a known plan');
    await accountsStore.setSubscriptionPlan(tx, accountId, plan.id);
    return accountsStore.updateAccount(tx, accountId, { planId: plan.id });
  });
}

export interface AccountCreditProfile {
  accountId: string;
  planSlug: string;
  planName: string;
  includedCredits: number;
}

/** What billing needs to open an account's credits: its plan and the credits the plan includes. */
export async function getAccountCreditProfile(s: SystemServices, accountId: string): Promise<AccountCreditProfile> {
  return s.database.tenant(accountId, async (tx) => {
    const account = await accountsStore.findAccount(tx, accountId);
    if (!account) throw new NotFoundError('Account', accountId);
    const [plan] = await accountsStore.findPlansByIds(tx, [account.planId]);
    return { accountId, planSlug: plan!.slug, planName: plan!.name, includedCredits: plan!.includedCredits };
  });
}
