// The compact row format the per-industry seed keyword files are written in.

/** i = informational, c = commercial, t = transactional, n = navigational. */
export type IntentCode = 'i' | 'c' | 't' | 'n';

/** keyword, US monthly search volume, difficulty 0–100, intent code. */
export type SeedKeywordRow = readonly [keyword: string, volume: number, difficulty: number, intent: IntentCode];

/** One industry's rows, keyed by sector slug. */
export type IndustryKeywordRows = Readonly<Record<string, readonly SeedKeywordRow[]>>;
