// Keyword text normalisation: the one form a keyword is stored, compared and deduplicated in.
import { stripBidiControls } from '@igny8/lib';

/** The longest keyword kept, in characters (code points) after normalisation. */
export const KEYWORD_MAX_LENGTH = 200;

// Invisible characters that never carry meaning in a search term (zero-width space, word joiner,
// BOM). ZWJ and ZWNJ are only trimmed at the ends: inside, they shape emoji and Persian/Indic words.
const INVISIBLE = /[\u200B\u2060\uFEFF]/g;
const EDGE_JOINERS = /^[\u200C\u200D]+|[\u200C\u200D]+$/g;
// Control characters other than whitespace count as whitespace: they come from copy-paste accidents.
const WHITESPACE_RUNS = /[\s\p{Cc}]+/gu;
// Quote (or exact-match bracket) pairs that wrap a whole keyword, as ad tools and hand-made lists write them.
const WRAPPING_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['\u201C', '\u201D'],
  ['\u201E', '\u201C'],
  ['\u2018', '\u2019'],
  ['\u00AB', '\u00BB'],
  ['[', ']'],
];

/**
 * trim, Unicode NFC, lower-case (locale-independent), collapse all whitespace runs to one space;
 * strips surrounding quotes/zero-width chars and bidirectional controls (a keyword cannot display as another).
 */
export function normalizeKeyword(text: string): string {
  let keyword = stripBidiControls(text)
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(WHITESPACE_RUNS, ' ')
    .trim()
    .replace(EDGE_JOINERS, '')
    .trim();
  let unwrapped = unwrap(keyword);
  while (unwrapped !== keyword) {
    keyword = unwrapped;
    unwrapped = unwrap(keyword);
  }
  // toLowerCase follows Unicode's default mapping whatever the server's locale is (unlike toLocaleLowerCase).
  return keyword.toLowerCase();
}

/** Characters of an over-long keyword that a report repeats back. */
export const KEYWORD_ECHO_LENGTH = 50;

/**
 * The keyword as a rejected row repeats it: whole up to KEYWORD_MAX_LENGTH, otherwise its first
 * KEYWORD_ECHO_LENGTH characters and "…" (a 10,000-character cell must not come back 10,000 times).
 */
export function keywordEcho(keyword: string): string {
  if (keywordLength(keyword) <= KEYWORD_MAX_LENGTH) return keyword;
  return `${Array.from(keyword).slice(0, KEYWORD_ECHO_LENGTH).join('')}…`;
}

/** Length as a person (and PostgreSQL's varchar) counts it: code points, not UTF-16 units. */
export function keywordLength(keyword: string): number {
  let length = 0;
  for (const _ of keyword) length++;
  return length;
}

function unwrap(keyword: string): string {
  for (const [open, close] of WRAPPING_PAIRS) {
    if (keyword.length >= 2 && keyword.startsWith(open) && keyword.endsWith(close)) {
      return keyword.slice(open.length, keyword.length - close.length).trim();
    }
  }
  return keyword;
}
