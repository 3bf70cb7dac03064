import { ACCOUNT_STATUSES, MODULES, ROLES, SUBSCRIPTION_STATUSES, USER_STATUSES } from '@igny8/db/system';
import { enumOf, SORT_DIRECTIONS } from '@igny8/lib';
import { builder } from '../builder.js';
import { API_KEY_SCOPES } from '../domain/api-keys.js';
import { TEAM_ROLES } from '../domain/team.js';

export const RoleEnum = enumOf(
  builder,
  'Role',
  ROLES,
  'developer > owner > admin > editor > viewer; system_bot is for automation.',
);
export const TeamRoleEnum = enumOf(
  builder,
  'TeamRole',
  TEAM_ROLES,
  'Roles that can be given to a member of an account.',
);
export const AccountStatusEnum = enumOf(builder, 'AccountStatus', ACCOUNT_STATUSES, 'Lifecycle of an account.');
export const UserStatusEnum = enumOf(
  builder,
  'UserStatus',
  USER_STATUSES,
  'invited members have not set a password yet.',
);
export const SubscriptionStatusEnum = enumOf(
  builder,
  'SubscriptionStatus',
  SUBSCRIPTION_STATUSES,
  'State of a subscription.',
);
export const ModuleEnum = enumOf(builder, 'Module', MODULES, 'A product module that can be switched off per account.');
export const ApiKeyScopeEnum = enumOf(
  builder,
  'ApiKeyScope',
  API_KEY_SCOPES,
  'read: queries; write: mutations too (as editor).',
);
export const SortDirectionEnum = enumOf(builder, 'SortDirection', SORT_DIRECTIONS, 'Sort order.');
