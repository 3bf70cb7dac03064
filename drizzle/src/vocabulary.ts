// Values more than one module stores and speaks: the content types of SPEC.md (a content idea's,
// a task's, a strategy's). Defined here once so the tables, the library and every subgraph agree.

export const CONTENT_TYPES = [
  'post',
  'page',
  'product',
  'guide',
  'comparison',
  'review',
  'listicle',
  'how_to',
] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
