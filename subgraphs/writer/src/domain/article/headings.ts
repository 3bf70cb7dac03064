// How the rules recognise an article's parts by their headings: the FAQ, the conclusion, and an
// outline heading a model reworded ("Prepare your space" ≈ "Step 1: prepare your space").
import { words } from './text.js';

export const FAQ_HEADING = 'Frequently asked questions';
export const CONCLUSION_HEADING = 'Conclusion';
export const FAQ_HEADING_PATTERN = /\b(faqs?|frequently asked|common questions)\b/i;
export const CONCLUSION_HEADING_PATTERN =
  /\b(conclusion|final thoughts?|wrapping up|summary|bottom line|key takeaways?|takeaways|verdict|in closing|final word|next steps)\b/i;

const STOPWORDS = new Set(
  'a an and are as at be by for from how in is it its of on or the to what when where which who why with your you step'.split(
    ' ',
  ),
);

function contentTokens(text: string): Set<string> {
  return new Set(
    words(text.toLowerCase())
      .filter((word) => !STOPWORDS.has(word) && !/^\d+$/.test(word))
      .map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word)),
  );
}

/** Whether a heading covers an outline heading: most of the outline heading's words are in it. */
export function coversHeading(outlineHeading: string, heading: string): boolean {
  const wanted = contentTokens(outlineHeading);
  if (wanted.size === 0) return heading.trim().toLowerCase() === outlineHeading.trim().toLowerCase();
  const have = contentTokens(heading);
  let found = 0;
  for (const token of wanted) if (have.has(token)) found++;
  return found / wanted.size >= 0.6;
}
