// Test helpers other workspaces import as `@igny8/lib/testing`; never imported by product code.
export * from './openai-server.js';
export * from './smtp-server.js';
