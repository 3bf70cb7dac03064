// Which column of a keyword file holds which field, from the header names keyword tools export.

export type KeywordField = 'keyword' | 'volume' | 'difficulty' | 'cpc' | 'intent' | 'country' | 'language';
/** Field → index of the column that holds it. */
export type KeywordColumns = { keyword: number } & Partial<Record<Exclude<KeywordField, 'keyword'>, number>>;

/**
 * Accepted header names per field, compared after `headerKey` (lower case, punctuation as spaces).
 * Earlier names win when a file has several columns for one field (Keyword Planner's two bid columns).
 */
export const HEADER_ALIASES: Record<KeywordField, readonly string[]> = {
  keyword: [
    'keyword',
    'keywords',
    'query',
    'queries',
    'top queries',
    'search term',
    'search terms',
    'search query',
    'term',
    'key phrase',
    'keyphrase',
    'phrase',
  ],
  volume: ['volume', 'search volume', 'avg monthly searches', 'monthly searches', 'monthly volume', 'sv', 'msv'],
  difficulty: ['difficulty', 'kd', 'keyword difficulty', 'keyword difficulty index', 'seo difficulty'],
  cpc: ['cpc', 'cost per click', 'top of page bid', 'top of page bid high range', 'top of page bid low range'],
  intent: ['intent', 'intents', 'search intent', 'keyword intent'],
  country: ['country', 'country code', 'location', 'database', 'market'],
  language: ['language', 'lang', 'language code'],
};

const FIELD_BY_HEADER = new Map<string, { field: KeywordField; rank: number }>();
for (const [field, names] of Object.entries(HEADER_ALIASES) as [KeywordField, readonly string[]][]) {
  for (const [rank, name] of names.entries()) FIELD_BY_HEADER.set(name, { field, rank });
}

/** A header cell as compared with the aliases: "Avg. monthly searches" and "KD %" become "avg monthly searches", "kd". */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The columns a header row names, or null when it has no keyword column. Unknown columns are ignored. */
export function mapKeywordColumns(headers: readonly string[]): KeywordColumns | null {
  const chosen = new Map<KeywordField, { index: number; rank: number }>();
  headers.forEach((header, index) => {
    const match = fieldOf(headerKey(header));
    if (!match) return;
    const current = chosen.get(match.field);
    if (!current || match.rank < current.rank) chosen.set(match.field, { index, rank: match.rank });
  });
  const keyword = chosen.get('keyword');
  if (!keyword) return null;
  const columns: KeywordColumns = { keyword: keyword.index };
  for (const [field, { index }] of chosen) if (field !== 'keyword') columns[field] = index;
  return columns;
}

function fieldOf(key: string): { field: KeywordField; rank: number } | undefined {
  const exact = FIELD_BY_HEADER.get(key);
  if (exact) return exact;
  // A currency code after a bid column's name: "CPC (USD)", "Top of page bid (high range) EUR".
  const withoutCurrency = /^(.+) [a-z]{3}$/.exec(key)?.[1];
  const bid = withoutCurrency === undefined ? undefined : FIELD_BY_HEADER.get(withoutCurrency);
  return bid?.field === 'cpc' ? bid : undefined;
}
