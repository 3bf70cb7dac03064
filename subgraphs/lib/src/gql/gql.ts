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
    "query AccountWorkspace($accountId: ID!, $siteId: ID, $sectorId: ID) {\n  accountWorkspace(accountId: $accountId, siteId: $siteId, sectorId: $sectorId) {\n    accountId\n    enabledModules\n    planSlug\n    maxKeywords\n    site {\n      id\n      name\n      domain\n      language\n      isActive\n      industrySlug\n      industryName\n    }\n    sector {\n      id\n      siteId\n      name\n      isActive\n      sectorSlug\n    }\n  }\n}\n\nquery AccountAiSetup($accountId: ID!, $promptType: PromptType!, $authorProfileId: ID, $strategyId: ID) {\n  accountAiSetup(\n    accountId: $accountId\n    promptType: $promptType\n    authorProfileId: $authorProfileId\n    strategyId: $strategyId\n  ) {\n    provider\n    baseUrl\n    apiKey\n    apiKeyName\n    chatModel\n    embeddingModel\n    imageModel\n    timeoutMs\n    temperature\n    maxTokens\n    imageStyle\n    promptText\n    promptVersion\n    authorProfile\n    strategy\n  }\n}": typeof types.AccountWorkspaceDocument,
};
const documents: Documents = {
    "query AccountWorkspace($accountId: ID!, $siteId: ID, $sectorId: ID) {\n  accountWorkspace(accountId: $accountId, siteId: $siteId, sectorId: $sectorId) {\n    accountId\n    enabledModules\n    planSlug\n    maxKeywords\n    site {\n      id\n      name\n      domain\n      language\n      isActive\n      industrySlug\n      industryName\n    }\n    sector {\n      id\n      siteId\n      name\n      isActive\n      sectorSlug\n    }\n  }\n}\n\nquery AccountAiSetup($accountId: ID!, $promptType: PromptType!, $authorProfileId: ID, $strategyId: ID) {\n  accountAiSetup(\n    accountId: $accountId\n    promptType: $promptType\n    authorProfileId: $authorProfileId\n    strategyId: $strategyId\n  ) {\n    provider\n    baseUrl\n    apiKey\n    apiKeyName\n    chatModel\n    embeddingModel\n    imageModel\n    timeoutMs\n    temperature\n    maxTokens\n    imageStyle\n    promptText\n    promptVersion\n    authorProfile\n    strategy\n  }\n}": types.AccountWorkspaceDocument,
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
export function graphql(source: "query AccountWorkspace($accountId: ID!, $siteId: ID, $sectorId: ID) {\n  accountWorkspace(accountId: $accountId, siteId: $siteId, sectorId: $sectorId) {\n    accountId\n    enabledModules\n    planSlug\n    maxKeywords\n    site {\n      id\n      name\n      domain\n      language\n      isActive\n      industrySlug\n      industryName\n    }\n    sector {\n      id\n      siteId\n      name\n      isActive\n      sectorSlug\n    }\n  }\n}\n\nquery AccountAiSetup($accountId: ID!, $promptType: PromptType!, $authorProfileId: ID, $strategyId: ID) {\n  accountAiSetup(\n    accountId: $accountId\n    promptType: $promptType\n    authorProfileId: $authorProfileId\n    strategyId: $strategyId\n  ) {\n    provider\n    baseUrl\n    apiKey\n    apiKeyName\n    chatModel\n    embeddingModel\n    imageModel\n    timeoutMs\n    temperature\n    maxTokens\n    imageStyle\n    promptText\n    promptVersion\n    authorProfile\n    strategy\n  }\n}"): (typeof documents)["query AccountWorkspace($accountId: ID!, $siteId: ID, $sectorId: ID) {\n  accountWorkspace(accountId: $accountId, siteId: $siteId, sectorId: $sectorId) {\n    accountId\n    enabledModules\n    planSlug\n    maxKeywords\n    site {\n      id\n      name\n      domain\n      language\n      isActive\n      industrySlug\n      industryName\n    }\n    sector {\n      id\n      siteId\n      name\n      isActive\n      sectorSlug\n    }\n  }\n}\n\nquery AccountAiSetup($accountId: ID!, $promptType: PromptType!, $authorProfileId: ID, $strategyId: ID) {\n  accountAiSetup(\n    accountId: $accountId\n    promptType: $promptType\n    authorProfileId: $authorProfileId\n    strategyId: $strategyId\n  ) {\n    provider\n    baseUrl\n    apiKey\n    apiKeyName\n    chatModel\n    embeddingModel\n    imageModel\n    timeoutMs\n    temperature\n    maxTokens\n    imageStyle\n    promptText\n    promptVersion\n    authorProfile\n    strategy\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;