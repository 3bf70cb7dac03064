/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The format of a piece of content. */
export type ContentType =
  | 'COMPARISON'
  | 'GUIDE'
  | 'HOW_TO'
  | 'LISTICLE'
  | 'PAGE'
  | 'POST'
  | 'PRODUCT'
  | 'REVIEW';

/** NEW; QUEUED once sent to the writer; COMPLETED once written. */
export type IdeaStatus =
  | 'COMPLETED'
  | 'NEW'
  | 'QUEUED';

export type MarkIdeasForWriterInput = {
  accountId: string | number;
  ids: Array<string | number>;
  status: IdeaStatus;
};

export type IdeasForWriterQueryVariables = Exact<{
  accountId: string | number;
  ids: Array<string | number> | string | number;
}>;


export type IdeasForWriterQuery = { ideasForWriter: Array<{ id: string, siteId: string, sectorId: string, clusterId: string | null, title: string, description: string, contentType: ContentType, targetKeywords: Array<string>, estimatedWordCount: number, status: IdeaStatus, authorProfileId: string | null, strategyId: string | null, outline: Array<{ heading: string, points: Array<string> }> }> };

export type MarkIdeasForWriterMutationVariables = Exact<{
  input: MarkIdeasForWriterInput;
}>;


export type MarkIdeasForWriterMutation = { markIdeasForWriter: Array<{ id: string, status: IdeaStatus }> };


export const IdeasForWriterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IdeasForWriter"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ideasForWriter"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"sectorId"}},{"kind":"Field","name":{"kind":"Name","value":"clusterId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"outline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"heading"}},{"kind":"Field","name":{"kind":"Name","value":"points"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targetKeywords"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWordCount"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"authorProfileId"}},{"kind":"Field","name":{"kind":"Name","value":"strategyId"}}]}}]}}]} as unknown as DocumentNode<IdeasForWriterQuery, IdeasForWriterQueryVariables>;
export const MarkIdeasForWriterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkIdeasForWriter"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MarkIdeasForWriterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markIdeasForWriter"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<MarkIdeasForWriterMutation, MarkIdeasForWriterMutationVariables>;