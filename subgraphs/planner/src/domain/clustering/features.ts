// Keyword text → sparse TF-IDF vectors: Porter stems, word bigrams and character n-grams of the stems.
import { stemmer } from 'stemmer';

export interface FeatureSettings {
  /** Share of the cosine that comes from each block: whole stems, adjacent stem pairs, character n-grams. */
  stemWeight: number;
  bigramWeight: number;
  charWeight: number;
  /** Character n-gram lengths taken from each stem padded with '#' ("#tomato#" → "#to", "tom", …). */
  charGramSizes: readonly number[];
  /**
   * Term-frequency factor of intent modifiers ("best", "buy", "how", "review"): intent already splits
   * the groups, so "best creatine" and "best protein powder" should not look alike for sharing "best".
   */
  modifierWeight: number;
}

/** A unit-length sparse vector: feature ids ascending, with their weights. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float32Array;
}

/** Function words: they carry neither topic nor intent. */
const STOPWORDS = new Set(
  (
    'a an the and or of to in on for with at by from into onto about as than then this that these those it its ' +
    'is are was were be been being do does did i me my we our you your he she they them their there here ' +
    'no not can could should would will shall may might must if so up out over under very too just also ' +
    'get got has have had own such only more most other some any each all both com www'
  ).split(' '),
);

/**
 * Stems of intent modifiers, and of the boilerplate of questions ("how long does it take to …", "how to
 * make …"), which would otherwise link "how long does retinol take to work" to "… creatine take to work".
 * See `modifierWeight`.
 */
const MODIFIER_STEMS = new Set(
  (
    'how what why when where who which best top review vs versu compar comparison altern bui cheap cheaper ' +
    'cheapest afford price deal sale near discount coupon promo code order purchas guid tip idea exampl mean ' +
    'definit tutori login log sign offici websit rate worth ' +
    'long much mani often take make us need work know start happen wai time'
  ).split(' '),
);

export function normaliseKeyword(keyword: string): string {
  return keyword
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

interface Term {
  stem: string;
  factor: number;
  numeric: boolean;
}

function termsOf(normalised: string, modifierWeight: number): Term[] {
  const terms: Term[] = [];
  for (const word of normalised.split(' ')) {
    if (!word || STOPWORDS.has(word)) continue;
    const stem = stemmer(word);
    terms.push({ stem, factor: MODIFIER_STEMS.has(stem) ? modifierWeight : 1, numeric: /^\d+$/.test(word) });
  }
  return terms.filter((term) => term.factor > 0);
}

type Counts = Map<string, number>;

function add(counts: Counts, feature: string, amount: number): void {
  counts.set(feature, (counts.get(feature) ?? 0) + amount);
}

/** Term counts of one keyword, one map per block. */
function blockCounts(terms: readonly Term[], settings: FeatureSettings): [Counts, Counts, Counts] {
  const stems: Counts = new Map();
  const bigrams: Counts = new Map();
  const chars: Counts = new Map();
  terms.forEach((term, k) => {
    add(stems, term.stem, term.factor);
    const next = terms[k + 1];
    if (next) add(bigrams, `${term.stem} ${next.stem}`, Math.min(term.factor, next.factor));
    if (term.numeric) return;
    const padded = `#${term.stem}#`;
    for (const size of settings.charGramSizes) {
      for (let at = 0; at + size <= padded.length; at++) add(chars, padded.slice(at, at + size), term.factor);
    }
  });
  return [stems, bigrams, chars];
}

/**
 * One vector per keyword (keywords already normalised). Each block is TF-IDF weighted (smoothed idf over
 * these keywords) and scaled to its share, then the whole vector to unit length, so a cosine is the
 * weighted sum of the blocks' cosines (a keyword missing a block, e.g. a one-word keyword has no bigram,
 * gives its share to the others).
 */
export function buildKeywordVectors(keywords: readonly string[], settings: FeatureSettings): SparseVector[] {
  const shares = [settings.stemWeight, settings.bigramWeight, settings.charWeight];
  const perKeyword = keywords.map((keyword) => blockCounts(termsOf(keyword, settings.modifierWeight), settings));

  const featureIds = new Map<string, number>();
  const documentFrequency: number[] = [];
  for (const blocks of perKeyword) {
    blocks.forEach((counts, block) => {
      for (const feature of counts.keys()) {
        const key = `${block}${feature}`;
        let id = featureIds.get(key);
        if (id === undefined) {
          id = documentFrequency.length;
          featureIds.set(key, id);
          documentFrequency.push(0);
        }
        documentFrequency[id]!++;
      }
    });
  }

  const n = keywords.length;
  return perKeyword.map((blocks) => {
    const entries: Array<[number, number]> = [];
    blocks.forEach((counts, block) => {
      const start = entries.length;
      let norm = 0;
      for (const [feature, count] of counts) {
        const id = featureIds.get(`${block}${feature}`)!;
        const weight = count * (Math.log((1 + n) / (1 + documentFrequency[id]!)) + 1);
        entries.push([id, weight]);
        norm += weight * weight;
      }
      const scale = norm > 0 ? Math.sqrt(shares[block]! / norm) : 0;
      for (let k = start; k < entries.length; k++) entries[k]![1] *= scale;
    });
    entries.sort((a, b) => a[0] - b[0]);
    const length = Math.hypot(...entries.map(([, weight]) => weight)) || 1;
    return {
      ids: Int32Array.from(entries, ([id]) => id),
      weights: Float32Array.from(entries, ([, weight]) => weight / length),
    };
  });
}
