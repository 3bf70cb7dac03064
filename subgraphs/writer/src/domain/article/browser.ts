// The article domain without the sanitiser: what the web editor imports (no Node-only dependency).
export { type DiffOp, htmlRevisionDiff, type WordDiff, wordDiff } from './diff.js';
export {
  type ArticleBlock,
  type ArticleBrief,
  type ArticleDraft,
  type ArticleSection,
  articleDraftSchema,
  articleJsonInstructions,
  TABLE_STRUCTURES,
} from './draft.js';
export {
  type ArticleStats,
  articleStats,
  type EditorCheck,
  type EditorCheckInput,
  type EditorChecks,
  editorChecks,
} from './editor-checks.js';
export { fitMetaDescription, fitMetaTitle } from './fit.js';
export { CONCLUSION_HEADING, FAQ_HEADING } from './headings.js';
export { htmlToText } from './html-scan.js';
export { offlineArticle, repeatsPhrase } from './offline.js';
export { fleschReadingEase, type ReadingEase, syllables } from './readability.js';
export { type FaqEntry, type JsonLd, jsonLdScripts, type RenderedArticle, renderArticle } from './render.js';
export { type RepairResult, repairArticle } from './repair.js';
export {
  ARTICLE_LIMITS,
  ARTICLE_RULES,
  type ArticleRule,
  type ArticleViolation,
  type CheckableArticle,
  checkArticle,
  wordRange,
} from './rules.js';
export {
  type ComparedText,
  NEAR_DUPLICATE_THRESHOLD,
  type NearDuplicate,
  nearDuplicates,
  shingleSimilarity,
  shingles,
} from './similarity.js';
export { countWords, escapeHtml, hasKeyword, keywordUses, slugify } from './text.js';
