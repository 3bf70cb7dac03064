// The article domain (issue 10): what an article must be, how a model's JSON becomes one, the offline
// sample writer, the sanitiser, the editor's live checks, near-duplicates and revision diffs. No database
// and no GraphQL. Everything but `sanitize.ts` is free of Node-only imports: the web editor imports
// `@igny8/writer/article/browser` (browser.ts), the same without the sanitiser.
export * from './browser.js';
export { sanitizeArticleHtml } from './sanitize.js';
