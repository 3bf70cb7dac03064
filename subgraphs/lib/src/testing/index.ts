// The test kit other workspaces import as `@igny8/lib/testing`; never imported by product code.
// Accounts, GraphQL clients, job following and gates, a local server speaking the OpenAI protocol,
// and a TCP proxy that takes the database away. The gateway's tests add the platform starter
// (gateway/test/harness.ts) on top.
export * from './accounts.js';
export * from './graphql.js';
export * from './jobs.js';
export * from './openai-server.js';
export * from './smtp-server.js';
export * from './tcp-proxy.js';
