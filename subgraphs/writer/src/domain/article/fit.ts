// Meta fields fitted to their limits: a meta title cut at a word boundary, a meta description padded or
// cut to 120–160 characters with the primary keyword kept in it.
import { ARTICLE_LIMITS } from './rules.js';
import { capitalize, hasKeyword, squish, trimAtWord } from './text.js';

/** The title as a meta title: at most 60 characters, cut at a word, the keyword kept when it fits. */
export function fitMetaTitle(title: string, keyword: string): string {
  const max = ARTICLE_LIMITS.metaTitleMax;
  const clean = squish(title);
  const trimmed = trimAtWord(clean, max);
  if (!keyword.trim() || hasKeyword(trimmed, keyword) || !hasKeyword(clean, keyword)) return trimmed;
  return trimAtWord(`${capitalize(squish(keyword))}: ${clean}`, max);
}

/**
 * The description fitted to 120–160 characters: the keyword put first when missing, padded with the
 * given sentences (then general ones) when short, cut at a sentence end or a word when long.
 */
export function fitMetaDescription(description: string, keyword: string, padding: string[] = []): string {
  const { min, max } = ARTICLE_LIMITS.metaDescription;
  const k = squish(keyword);
  let text = squish(description);
  const withKeyword = (value: string) =>
    !k || hasKeyword(value, k) ? value : value ? `${capitalize(k)}: ${lowerFirst(value)}` : `${capitalize(k)}.`;
  text = withKeyword(text);
  const fillers = [
    ...padding,
    `Practical steps, common mistakes and tips${k ? ` for ${k}` : ''}.`,
    'Clear answers to the questions people ask most.',
    'Read on for the details.',
  ];
  for (const filler of fillers) {
    if (text.length >= min) break;
    text = squish(`${text.replace(/([^.!?…])$/, '$1.')} ${filler}`);
  }
  while (text.length < min) text = `${text} Read on.`;
  if (text.length > max) text = cutDescription(text, min, max);
  if (!hasKeyword(text, k)) text = cutDescription(withKeyword(text), min, max);
  return text;
}

/** "Teach your dog" → "teach your dog" after a colon; "SEO basics" and "iPhone tips" stay as written. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function cutDescription(text: string, min: number, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const end = Math.max(head.lastIndexOf('. '), head.lastIndexOf('? '), head.lastIndexOf('! '));
  if (end + 1 >= min) return head.slice(0, end + 1);
  if (/[.!?]$/.test(head) && head.length >= min) return head;
  return trimAtWord(text, max, '…');
}
