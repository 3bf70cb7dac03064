/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Viewer {\n  me {\n    id\n    name\n    email\n    role\n  }\n  account {\n    id\n    name\n    status\n    enabledModules\n    plan {\n      id\n      name\n    }\n  }\n}": typeof types.ViewerDocument,
    "fragment SessionTokens on AuthPayload {\n  accessToken\n  refreshToken\n  expiresIn\n}\n\nmutation RefreshSession($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    ...SessionTokens\n  }\n}\n\nmutation EndSession($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}": typeof types.SessionTokensFragmentDoc,
    "fragment ApiKeyRow on ApiKey {\n  id\n  name\n  prefix\n  scopes\n  lastUsedAt\n  expiresAt\n  revokedAt\n  createdAt\n}\n\nquery ApiKeys {\n  apiKeys {\n    ...ApiKeyRow\n  }\n}\n\nmutation CreateApiKey($input: CreateApiKeyInput!) {\n  createApiKey(input: $input) {\n    secret\n    apiKey {\n      ...ApiKeyRow\n    }\n  }\n}\n\nmutation RevokeApiKey($input: RevokeApiKeyInput!) {\n  revokeApiKey(input: $input) {\n    ...ApiKeyRow\n  }\n}": typeof types.ApiKeyRowFragmentDoc,
    "query AccountModules {\n  account {\n    id\n    enabledModules\n  }\n}\n\nmutation SetModuleEnabled($input: SetModuleEnabledInput!) {\n  setModuleEnabled(input: $input) {\n    id\n    enabledModules\n  }\n}": typeof types.AccountModulesDocument,
    "query AccountSettings {\n  account {\n    id\n    name\n    slug\n    status\n    timezone\n    billingEmail\n    billingAddress\n    taxId\n    plan {\n      id\n      name\n    }\n  }\n}\n\nmutation UpdateAccountSettings($input: UpdateAccountSettingsInput!) {\n  updateAccountSettings(input: $input) {\n    id\n    name\n    timezone\n    billingEmail\n    billingAddress\n    taxId\n  }\n}": typeof types.AccountSettingsDocument,
    "fragment TeamMember on User {\n  id\n  name\n  email\n  role\n  status\n  invitedAt\n  lastLoginAt\n}\n\nquery TeamMembers {\n  members {\n    ...TeamMember\n  }\n  account {\n    id\n    plan {\n      id\n      name\n      maxUsers\n    }\n  }\n}\n\nmutation InviteMember($input: InviteMemberInput!) {\n  inviteMember(input: $input) {\n    inviteUrl\n    member {\n      ...TeamMember\n    }\n  }\n}\n\nmutation UpdateMemberRole($input: UpdateMemberRoleInput!) {\n  updateMemberRole(input: $input) {\n    ...TeamMember\n  }\n}\n\nmutation RemoveMember($input: RemoveMemberInput!) {\n  removeMember(input: $input)\n}": typeof types.TeamMemberFragmentDoc,
    "mutation AcceptInvite($input: AcceptInviteInput!) {\n  acceptInvite(input: $input) {\n    ...SessionTokens\n  }\n}": typeof types.AcceptInviteDocument,
    "mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n  requestPasswordReset(input: $input)\n}": typeof types.RequestPasswordResetDocument,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...SessionTokens\n  }\n}": typeof types.LoginDocument,
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...SessionTokens\n  }\n}": typeof types.RegisterDocument,
    "mutation ConfirmPasswordReset($input: ConfirmPasswordResetInput!) {\n  confirmPasswordReset(input: $input)\n}": typeof types.ConfirmPasswordResetDocument,
    "query Profile {\n  me {\n    id\n    email\n    username\n    firstName\n    lastName\n    name\n    role\n  }\n}\n\nmutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    id\n    username\n    firstName\n    lastName\n    name\n  }\n}\n\nmutation ChangePassword($input: ChangePasswordInput!) {\n  changePassword(input: $input) {\n    ...SessionTokens\n  }\n}": typeof types.ProfileDocument,
    "fragment SiteSector on Sector {\n  id\n  siteId\n  name\n  isActive\n  industrySector {\n    id\n    name\n  }\n}\n\nfragment SiteCard on Site {\n  id\n  name\n  domain\n  language\n  timezone\n  isActive\n  createdAt\n  industry {\n    id\n    name\n  }\n  sectors {\n    ...SiteSector\n  }\n}\n\nquery Sites($filter: SiteFilter, $first: Int) {\n  sites(filter: $filter, first: $first, orderBy: {field: NAME, direction: ASC}) {\n    totalCount\n    edges {\n      node {\n        ...SiteCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n    }\n  }\n}\n\nquery Industries {\n  industries {\n    id\n    name\n    sectors {\n      id\n      name\n    }\n  }\n}\n\nmutation CreateSite($input: CreateSiteInput!) {\n  createSite(input: $input) {\n    ...SiteCard\n  }\n}\n\nmutation UpdateSite($input: UpdateSiteInput!) {\n  updateSite(input: $input) {\n    ...SiteCard\n  }\n}\n\nmutation DeleteSite($input: DeleteSiteInput!) {\n  deleteSite(input: $input)\n}\n\nmutation CreateSector($input: CreateSectorInput!) {\n  createSector(input: $input) {\n    ...SiteSector\n  }\n}\n\nmutation UpdateSector($input: UpdateSectorInput!) {\n  updateSector(input: $input) {\n    ...SiteSector\n  }\n}\n\nmutation DeleteSector($input: DeleteSectorInput!) {\n  deleteSector(input: $input)\n}": typeof types.SiteSectorFragmentDoc,
};
const documents: Documents = {
    "query Viewer {\n  me {\n    id\n    name\n    email\n    role\n  }\n  account {\n    id\n    name\n    status\n    enabledModules\n    plan {\n      id\n      name\n    }\n  }\n}": types.ViewerDocument,
    "fragment SessionTokens on AuthPayload {\n  accessToken\n  refreshToken\n  expiresIn\n}\n\nmutation RefreshSession($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    ...SessionTokens\n  }\n}\n\nmutation EndSession($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}": types.SessionTokensFragmentDoc,
    "fragment ApiKeyRow on ApiKey {\n  id\n  name\n  prefix\n  scopes\n  lastUsedAt\n  expiresAt\n  revokedAt\n  createdAt\n}\n\nquery ApiKeys {\n  apiKeys {\n    ...ApiKeyRow\n  }\n}\n\nmutation CreateApiKey($input: CreateApiKeyInput!) {\n  createApiKey(input: $input) {\n    secret\n    apiKey {\n      ...ApiKeyRow\n    }\n  }\n}\n\nmutation RevokeApiKey($input: RevokeApiKeyInput!) {\n  revokeApiKey(input: $input) {\n    ...ApiKeyRow\n  }\n}": types.ApiKeyRowFragmentDoc,
    "query AccountModules {\n  account {\n    id\n    enabledModules\n  }\n}\n\nmutation SetModuleEnabled($input: SetModuleEnabledInput!) {\n  setModuleEnabled(input: $input) {\n    id\n    enabledModules\n  }\n}": types.AccountModulesDocument,
    "query AccountSettings {\n  account {\n    id\n    name\n    slug\n    status\n    timezone\n    billingEmail\n    billingAddress\n    taxId\n    plan {\n      id\n      name\n    }\n  }\n}\n\nmutation UpdateAccountSettings($input: UpdateAccountSettingsInput!) {\n  updateAccountSettings(input: $input) {\n    id\n    name\n    timezone\n    billingEmail\n    billingAddress\n    taxId\n  }\n}": types.AccountSettingsDocument,
    "fragment TeamMember on User {\n  id\n  name\n  email\n  role\n  status\n  invitedAt\n  lastLoginAt\n}\n\nquery TeamMembers {\n  members {\n    ...TeamMember\n  }\n  account {\n    id\n    plan {\n      id\n      name\n      maxUsers\n    }\n  }\n}\n\nmutation InviteMember($input: InviteMemberInput!) {\n  inviteMember(input: $input) {\n    inviteUrl\n    member {\n      ...TeamMember\n    }\n  }\n}\n\nmutation UpdateMemberRole($input: UpdateMemberRoleInput!) {\n  updateMemberRole(input: $input) {\n    ...TeamMember\n  }\n}\n\nmutation RemoveMember($input: RemoveMemberInput!) {\n  removeMember(input: $input)\n}": types.TeamMemberFragmentDoc,
    "mutation AcceptInvite($input: AcceptInviteInput!) {\n  acceptInvite(input: $input) {\n    ...SessionTokens\n  }\n}": types.AcceptInviteDocument,
    "mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n  requestPasswordReset(input: $input)\n}": types.RequestPasswordResetDocument,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...SessionTokens\n  }\n}": types.LoginDocument,
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...SessionTokens\n  }\n}": types.RegisterDocument,
    "mutation ConfirmPasswordReset($input: ConfirmPasswordResetInput!) {\n  confirmPasswordReset(input: $input)\n}": types.ConfirmPasswordResetDocument,
    "query Profile {\n  me {\n    id\n    email\n    username\n    firstName\n    lastName\n    name\n    role\n  }\n}\n\nmutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    id\n    username\n    firstName\n    lastName\n    name\n  }\n}\n\nmutation ChangePassword($input: ChangePasswordInput!) {\n  changePassword(input: $input) {\n    ...SessionTokens\n  }\n}": types.ProfileDocument,
    "fragment SiteSector on Sector {\n  id\n  siteId\n  name\n  isActive\n  industrySector {\n    id\n    name\n  }\n}\n\nfragment SiteCard on Site {\n  id\n  name\n  domain\n  language\n  timezone\n  isActive\n  createdAt\n  industry {\n    id\n    name\n  }\n  sectors {\n    ...SiteSector\n  }\n}\n\nquery Sites($filter: SiteFilter, $first: Int) {\n  sites(filter: $filter, first: $first, orderBy: {field: NAME, direction: ASC}) {\n    totalCount\n    edges {\n      node {\n        ...SiteCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n    }\n  }\n}\n\nquery Industries {\n  industries {\n    id\n    name\n    sectors {\n      id\n      name\n    }\n  }\n}\n\nmutation CreateSite($input: CreateSiteInput!) {\n  createSite(input: $input) {\n    ...SiteCard\n  }\n}\n\nmutation UpdateSite($input: UpdateSiteInput!) {\n  updateSite(input: $input) {\n    ...SiteCard\n  }\n}\n\nmutation DeleteSite($input: DeleteSiteInput!) {\n  deleteSite(input: $input)\n}\n\nmutation CreateSector($input: CreateSectorInput!) {\n  createSector(input: $input) {\n    ...SiteSector\n  }\n}\n\nmutation UpdateSector($input: UpdateSectorInput!) {\n  updateSector(input: $input) {\n    ...SiteSector\n  }\n}\n\nmutation DeleteSector($input: DeleteSectorInput!) {\n  deleteSector(input: $input)\n}": types.SiteSectorFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Viewer {\n  me {\n    id\n    name\n    email\n    role\n  }\n  account {\n    id\n    name\n    status\n    enabledModules\n    plan {\n      id\n      name\n    }\n  }\n}"): (typeof documents)["query Viewer {\n  me {\n    id\n    name\n    email\n    role\n  }\n  account {\n    id\n    name\n    status\n    enabledModules\n    plan {\n      id\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SessionTokens on AuthPayload {\n  accessToken\n  refreshToken\n  expiresIn\n}\n\nmutation RefreshSession($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    ...SessionTokens\n  }\n}\n\nmutation EndSession($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}"): (typeof documents)["fragment SessionTokens on AuthPayload {\n  accessToken\n  refreshToken\n  expiresIn\n}\n\nmutation RefreshSession($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    ...SessionTokens\n  }\n}\n\nmutation EndSession($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ApiKeyRow on ApiKey {\n  id\n  name\n  prefix\n  scopes\n  lastUsedAt\n  expiresAt\n  revokedAt\n  createdAt\n}\n\nquery ApiKeys {\n  apiKeys {\n    ...ApiKeyRow\n  }\n}\n\nmutation CreateApiKey($input: CreateApiKeyInput!) {\n  createApiKey(input: $input) {\n    secret\n    apiKey {\n      ...ApiKeyRow\n    }\n  }\n}\n\nmutation RevokeApiKey($input: RevokeApiKeyInput!) {\n  revokeApiKey(input: $input) {\n    ...ApiKeyRow\n  }\n}"): (typeof documents)["fragment ApiKeyRow on ApiKey {\n  id\n  name\n  prefix\n  scopes\n  lastUsedAt\n  expiresAt\n  revokedAt\n  createdAt\n}\n\nquery ApiKeys {\n  apiKeys {\n    ...ApiKeyRow\n  }\n}\n\nmutation CreateApiKey($input: CreateApiKeyInput!) {\n  createApiKey(input: $input) {\n    secret\n    apiKey {\n      ...ApiKeyRow\n    }\n  }\n}\n\nmutation RevokeApiKey($input: RevokeApiKeyInput!) {\n  revokeApiKey(input: $input) {\n    ...ApiKeyRow\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccountModules {\n  account {\n    id\n    enabledModules\n  }\n}\n\nmutation SetModuleEnabled($input: SetModuleEnabledInput!) {\n  setModuleEnabled(input: $input) {\n    id\n    enabledModules\n  }\n}"): (typeof documents)["query AccountModules {\n  account {\n    id\n    enabledModules\n  }\n}\n\nmutation SetModuleEnabled($input: SetModuleEnabledInput!) {\n  setModuleEnabled(input: $input) {\n    id\n    enabledModules\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccountSettings {\n  account {\n    id\n    name\n    slug\n    status\n    timezone\n    billingEmail\n    billingAddress\n    taxId\n    plan {\n      id\n      name\n    }\n  }\n}\n\nmutation UpdateAccountSettings($input: UpdateAccountSettingsInput!) {\n  updateAccountSettings(input: $input) {\n    id\n    name\n    timezone\n    billingEmail\n    billingAddress\n    taxId\n  }\n}"): (typeof documents)["query AccountSettings {\n  account {\n    id\n    name\n    slug\n    status\n    timezone\n    billingEmail\n    billingAddress\n    taxId\n    plan {\n      id\n      name\n    }\n  }\n}\n\nmutation UpdateAccountSettings($input: UpdateAccountSettingsInput!) {\n  updateAccountSettings(input: $input) {\n    id\n    name\n    timezone\n    billingEmail\n    billingAddress\n    taxId\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment TeamMember on User {\n  id\n  name\n  email\n  role\n  status\n  invitedAt\n  lastLoginAt\n}\n\nquery TeamMembers {\n  members {\n    ...TeamMember\n  }\n  account {\n    id\n    plan {\n      id\n      name\n      maxUsers\n    }\n  }\n}\n\nmutation InviteMember($input: InviteMemberInput!) {\n  inviteMember(input: $input) {\n    inviteUrl\n    member {\n      ...TeamMember\n    }\n  }\n}\n\nmutation UpdateMemberRole($input: UpdateMemberRoleInput!) {\n  updateMemberRole(input: $input) {\n    ...TeamMember\n  }\n}\n\nmutation RemoveMember($input: RemoveMemberInput!) {\n  removeMember(input: $input)\n}"): (typeof documents)["fragment TeamMember on User {\n  id\n  name\n  email\n  role\n  status\n  invitedAt\n  lastLoginAt\n}\n\nquery TeamMembers {\n  members {\n    ...TeamMember\n  }\n  account {\n    id\n    plan {\n      id\n      name\n      maxUsers\n    }\n  }\n}\n\nmutation InviteMember($input: InviteMemberInput!) {\n  inviteMember(input: $input) {\n    inviteUrl\n    member {\n      ...TeamMember\n    }\n  }\n}\n\nmutation UpdateMemberRole($input: UpdateMemberRoleInput!) {\n  updateMemberRole(input: $input) {\n    ...TeamMember\n  }\n}\n\nmutation RemoveMember($input: RemoveMemberInput!) {\n  removeMember(input: $input)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AcceptInvite($input: AcceptInviteInput!) {\n  acceptInvite(input: $input) {\n    ...SessionTokens\n  }\n}"): (typeof documents)["mutation AcceptInvite($input: AcceptInviteInput!) {\n  acceptInvite(input: $input) {\n    ...SessionTokens\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n  requestPasswordReset(input: $input)\n}"): (typeof documents)["mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n  requestPasswordReset(input: $input)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...SessionTokens\n  }\n}"): (typeof documents)["mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...SessionTokens\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...SessionTokens\n  }\n}"): (typeof documents)["mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...SessionTokens\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConfirmPasswordReset($input: ConfirmPasswordResetInput!) {\n  confirmPasswordReset(input: $input)\n}"): (typeof documents)["mutation ConfirmPasswordReset($input: ConfirmPasswordResetInput!) {\n  confirmPasswordReset(input: $input)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Profile {\n  me {\n    id\n    email\n    username\n    firstName\n    lastName\n    name\n    role\n  }\n}\n\nmutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    id\n    username\n    firstName\n    lastName\n    name\n  }\n}\n\nmutation ChangePassword($input: ChangePasswordInput!) {\n  changePassword(input: $input) {\n    ...SessionTokens\n  }\n}"): (typeof documents)["query Profile {\n  me {\n    id\n    email\n    username\n    firstName\n    lastName\n    name\n    role\n  }\n}\n\nmutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    id\n    username\n    firstName\n    lastName\n    name\n  }\n}\n\nmutation ChangePassword($input: ChangePasswordInput!) {\n  changePassword(input: $input) {\n    ...SessionTokens\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SiteSector on Sector {\n  id\n  siteId\n  name\n  isActive\n  industrySector {\n    id\n    name\n  }\n}\n\nfragment SiteCard on Site {\n  id\n  name\n  domain\n  language\n  timezone\n  isActive\n  createdAt\n  industry {\n    id\n    name\n  }\n  sectors {\n    ...SiteSector\n  }\n}\n\nquery Sites($filter: SiteFilter, $first: Int) {\n  sites(filter: $filter, first: $first, orderBy: {field: NAME, direction: ASC}) {\n    totalCount\n    edges {\n      node {\n        ...SiteCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n    }\n  }\n}\n\nquery Industries {\n  industries {\n    id\n    name\n    sectors {\n      id\n      name\n    }\n  }\n}\n\nmutation CreateSite($input: CreateSiteInput!) {\n  createSite(input: $input) {\n    ...SiteCard\n  }\n}\n\nmutation UpdateSite($input: UpdateSiteInput!) {\n  updateSite(input: $input) {\n    ...SiteCard\n  }\n}\n\nmutation DeleteSite($input: DeleteSiteInput!) {\n  deleteSite(input: $input)\n}\n\nmutation CreateSector($input: CreateSectorInput!) {\n  createSector(input: $input) {\n    ...SiteSector\n  }\n}\n\nmutation UpdateSector($input: UpdateSectorInput!) {\n  updateSector(input: $input) {\n    ...SiteSector\n  }\n}\n\nmutation DeleteSector($input: DeleteSectorInput!) {\n  deleteSector(input: $input)\n}"): (typeof documents)["fragment SiteSector on Sector {\n  id\n  siteId\n  name\n  isActive\n  industrySector {\n    id\n    name\n  }\n}\n\nfragment SiteCard on Site {\n  id\n  name\n  domain\n  language\n  timezone\n  isActive\n  createdAt\n  industry {\n    id\n    name\n  }\n  sectors {\n    ...SiteSector\n  }\n}\n\nquery Sites($filter: SiteFilter, $first: Int) {\n  sites(filter: $filter, first: $first, orderBy: {field: NAME, direction: ASC}) {\n    totalCount\n    edges {\n      node {\n        ...SiteCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n    }\n  }\n}\n\nquery Industries {\n  industries {\n    id\n    name\n    sectors {\n      id\n      name\n    }\n  }\n}\n\nmutation CreateSite($input: CreateSiteInput!) {\n  createSite(input: $input) {\n    ...SiteCard\n  }\n}\n\nmutation UpdateSite($input: UpdateSiteInput!) {\n  updateSite(input: $input) {\n    ...SiteCard\n  }\n}\n\nmutation DeleteSite($input: DeleteSiteInput!) {\n  deleteSite(input: $input)\n}\n\nmutation CreateSector($input: CreateSectorInput!) {\n  createSector(input: $input) {\n    ...SiteSector\n  }\n}\n\nmutation UpdateSector($input: UpdateSectorInput!) {\n  updateSector(input: $input) {\n    ...SiteSector\n  }\n}\n\nmutation DeleteSector($input: DeleteSectorInput!) {\n  deleteSector(input: $input)\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;