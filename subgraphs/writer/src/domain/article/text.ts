// Plain-text helpers the article rules, the offline writer and the web editor share: words, keyword
// matching, escaping, slugs and trimming at word boundaries. No Node-only imports: the browser uses them.

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/** The words of a text, as written (letters and digits, with inner apostrophes, dots and hyphens). */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function countWords(text: string): number {
  return words(text).length;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the entities sanitised HTML holds (named basics and numeric); others are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return codePoint(Number.parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return codePoint(Number.parseInt(lower.slice(1), 10), whole);
    return ENTITIES[lower] ?? whole;
  });
}

function codePoint(code: number, fallback: string): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** Text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Collapses runs of whitespace to one space and trims. */
export function squish(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lower-cased words with a plural ending taken off, so "Dog Trainers" matches "dog trainer", "puppies" "puppy". */
function keywordTokens(text: string): string[] {
  return words(text.toLowerCase().replace(/’/g, "'")).map(stem);
}

function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** How many times a keyword occurs in a text, word for word (case, spacing and plural "s" ignored). */
export function keywordUses(text: string, keyword: string): number {
  const needle = keywordTokens(keyword);
  if (needle.length === 0) return 0;
  const hay = keywordTokens(text);
  let uses = 0;
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((token, j) => hay[i + j] === token)) {
      uses++;
      i += needle.length - 1;
    }
  }
  return uses;
}

export function hasKeyword(text: string, keyword: string): boolean {
  return keywordUses(text, keyword) > 0;
}

/** A URL slug: ASCII letters and digits joined by hyphens, accents folded, at most `max` characters. */
export function slugify(text: string, max = 75): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, max)).replace(/-+$/, '');
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const DANGLING = /[\s,;:–—|-]+(?:and|or|the|a|an|of|to|for|with|in|on|your|&)?$/i;

/**
 * The text cut to at most `max` characters at a word boundary, without a dangling "and", "the" or
 * separator at the end; `suffix` (such as "…") is added when something was cut and counts in `max`.
 */
export function trimAtWord(text: string, max: number, suffix = ''): string {
  const clean = squish(text);
  if (clean.length <= max) return clean;
  const room = max - suffix.length;
  let cut = clean.slice(0, room + 1);
  const lastSpace = cut.lastIndexOf(' ');
  cut = lastSpace > 0 ? cut.slice(0, lastSpace) : clean.slice(0, room);
  let previous = '';
  while (previous !== cut) {
    previous = cut;
    cut = cut.replace(DANGLING, '');
  }
  return `${cut.replace(/[\s,;:.–—|-]+$/, '')}${suffix}`;
}

/** First letter upper-cased, the rest as written (keeps "iPhone" and "SEO" inside a sentence). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Sentences of a plain text, split after ".", "!" or "?" followed by a space. */
export function sentences(text: string): string[] {
  return squish(text)
    .split(/(?<=[.!?])\s+(?=[^a-z])/u)
    .filter((sentence) => sentence.length > 0);
}
