import { ACCOUNT_STATUSES, MODULES, ROLES, SUBSCRIPTION_STATUSES, USER_STATUSES } from '@igny8/db/system';
import { upperCaseEnumValues } from '@igny8/lib';
import { API_KEY_SCOPES } from '../domain/api-keys.js';
import { TEAM_ROLES } from '../domain/team.js';
import { builder } from '../builder.js';

/** A GraphQL enum whose values are the UPPER_CASE form of the stored lower-case values. */
export function enumOf<const T extends readonly string[]>(name: string, values: T, description: string) {
  return builder.enumType(name, { description, values: upperCaseEnumValues(values) });
}

export const RoleEnum = enumOf(
  'Role',
  ROLES,
  'developer > owner > admin > editor > viewer; system_bot is for automation.',
);
export const TeamRoleEnum = enumOf('TeamRole', TEAM_ROLES, 'Roles that can be given to a member of an account.');
export const AccountStatusEnum = enumOf('AccountStatus', ACCOUNT_STATUSES, 'Lifecycle of an account.');
export const UserStatusEnum = enumOf('UserStatus', USER_STATUSES, 'invited members have not set a password yet.');
export const SubscriptionStatusEnum = enumOf('SubscriptionStatus', SUBSCRIPTION_STATUSES, 'State of a subscription.');
export const ModuleEnum = enumOf('Module', MODULES, 'A product module that can be switched off per account.');
export const ApiKeyScopeEnum = enumOf(
  'ApiKeyScope',
  API_KEY_SCOPES,
  'read: queries; write: mutations too (as editor).',
);
export const SortDirectionEnum = enumOf('SortDirection', ['asc', 'desc'] as const, 'Sort order.');
