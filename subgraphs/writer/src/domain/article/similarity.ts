// Near-duplicate drafts: two texts compared by their word 5-shingles (every run of five words).
// The threshold was chosen on a labelled set (test/fixtures/near-duplicates.json): see the note at
// NEAR_DUPLICATE_THRESHOLD. Browser-safe.
import { words } from './text.js';

export const SHINGLE_SIZE = 5;

/**
 * Similarity at or above which a draft is flagged: the middle of the best-F1 run on the labelled set's
 * tune half (edited copies vs articles on other topics or written independently); both halves'
 * figures are in test/article-similarity.test.ts (holdout: 13 of 13 copies, 0 of 29 others flagged).
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.515;

export function shingles(text: string, size = SHINGLE_SIZE): Set<string> {
  const tokens = words(text.toLowerCase().replace(/’/g, "'"));
  const result = new Set<string>();
  if (tokens.length > 0 && tokens.length < size) result.add(tokens.join(' '));
  for (let i = 0; i + size <= tokens.length; i++) result.add(tokens.slice(i, i + size).join(' '));
  return result;
}

/** Below this many shingles (about 25 words) a text is too short to call a copy of anything. */
export const MIN_SHINGLES = 20;

/**
 * Containment of the two texts' 5-shingle sets: the share of the smaller set found in the larger, 0
 * (nothing shared) to 1 (one text's runs of words all occur in the other). Containment rather than
 * Jaccard, so a copy that was cut down or padded with new text still scores high. Texts with fewer
 * than MIN_SHINGLES shingles score 0.
 */
export function shingleSimilarity(a: string | Set<string>, b: string | Set<string>): number {
  const left = typeof a === 'string' ? shingles(a) : a;
  const right = typeof b === 'string' ? shingles(b) : b;
  if (Math.min(left.size, right.size) < MIN_SHINGLES) return 0;
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let shared = 0;
  for (const shingle of small) if (large.has(shingle)) shared++;
  return shared / small.size;
}

export interface ComparedText {
  id: string;
  title: string;
  text: string;
}

export interface NearDuplicate {
  id: string;
  title: string;
  similarity: number;
}

/** The other texts at or above the threshold, most similar first (similarity rounded to 0.01). */
export function nearDuplicates(
  text: string,
  others: ComparedText[],
  threshold = NEAR_DUPLICATE_THRESHOLD,
): NearDuplicate[] {
  const mine = shingles(text);
  return others
    .map((other) => ({ id: other.id, title: other.title, similarity: shingleSimilarity(mine, other.text) }))
    .filter((other) => other.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity)
    .map((other) => ({ ...other, similarity: Math.round(other.similarity * 100) / 100 }));
}
