// Mechanical repairs of a model's draft, so a near miss is saved fixed rather than paid for twice: meta
// fields fitted, slug from the keyword, the keyword worked into the title, intro and a heading, long
// paragraphs split, the FAQ cut to five, secondary keywords mentioned, an overlong body trimmed. What
// cannot be fixed this way (too short, too few sections, no list, table or FAQ) is left for the job
// to regenerate: `regenerate` is true and `violations` says why.
import type { ArticleBlock, ArticleBrief, ArticleDraft } from './draft.js';
import { fitMetaDescription, fitMetaTitle } from './fit.js';
import { CONCLUSION_HEADING_PATTERN } from './headings.js';
import { htmlToText } from './html-scan.js';
import { type RenderedArticle, renderArticle } from './render.js';
import { ARTICLE_LIMITS, type ArticleViolation, checkArticle, wordRange } from './rules.js';
import { capitalize, countWords, hasKeyword, SLUG_PATTERN, sentences, slugify, squish, words } from './text.js';

export interface RepairResult {
  draft: ArticleDraft;
  article: RenderedArticle;
  /** What was changed, in words (for the job's log and the revision's provenance). */
  repairs: string[];
  /** What is still wrong after the repairs; empty when the article can be saved. */
  violations: ArticleViolation[];
  regenerate: boolean;
}

export function repairArticle(brief: ArticleBrief, original: ArticleDraft): RepairResult {
  const draft: ArticleDraft = structuredClone(original);
  const repairs: string[] = [];
  const keyword = squish(brief.primaryKeyword);

  if (keyword && !hasKeyword(draft.title, keyword)) {
    draft.title = `${capitalize(keyword)}: ${draft.title.charAt(0).toLowerCase()}${draft.title.slice(1)}`;
    repairs.push('put the primary keyword in the title');
  }
  const metaTitle = squish(draft.metaTitle) || draft.title;
  if (metaTitle.length > ARTICLE_LIMITS.metaTitleMax || !squish(draft.metaTitle)) {
    draft.metaTitle = fitMetaTitle(metaTitle, keyword);
    repairs.push(`fitted the meta title to ${ARTICLE_LIMITS.metaTitleMax} characters`);
  }
  const description = squish(draft.metaDescription);
  const { min, max } = ARTICLE_LIMITS.metaDescription;
  if (description.length < min || description.length > max || (keyword && !hasKeyword(description, keyword))) {
    draft.metaDescription = fitMetaDescription(description, keyword, sentences(draft.intro.join(' ')));
    repairs.push(`fitted the meta description to ${min}–${max} characters with the keyword`);
  }
  const slug = squish(draft.slug ?? '');
  const keywordSlug = slugify(keyword);
  if (!SLUG_PATTERN.test(slug) || slug.length > ARTICLE_LIMITS.slugMax || !slug.includes(keywordSlug)) {
    draft.slug = keywordSlug || slugify(draft.title);
    repairs.push('made the slug from the primary keyword');
  }

  const introWords = words(draft.intro.join(' ')).slice(0, ARTICLE_LIMITS.introWords).join(' ');
  if (keyword && !hasKeyword(introWords, keyword)) {
    draft.intro[0] = `This article is about ${keyword}. ${draft.intro[0]}`;
    repairs.push('mentioned the primary keyword in the first sentence');
  }
  const headings = [...draft.sections.map((section) => section.heading), draft.conclusion.heading ?? ''];
  if (keyword && !headings.some((heading) => hasKeyword(heading, keyword))) {
    draft.conclusion.heading = `Final thoughts on ${keyword}`;
    repairs.push('put the primary keyword in the conclusion heading');
  } else if (!CONCLUSION_HEADING_PATTERN.test(draft.conclusion.heading ?? '')) {
    draft.conclusion.heading = 'Conclusion';
  }

  if (draft.faq.length > ARTICLE_LIMITS.faq.max) {
    draft.faq = draft.faq.slice(0, ARTICLE_LIMITS.faq.max);
    repairs.push(`kept the first ${ARTICLE_LIMITS.faq.max} FAQ entries`);
  }

  let split = false;
  const splitTexts = (texts: string[]) =>
    texts.flatMap((text) => {
      if (countWords(text) <= ARTICLE_LIMITS.paragraphMaxWords) return [text];
      split = true;
      return splitParagraph(text);
    });
  const splitBlocks = (blocks: ArticleBlock[]) =>
    blocks.flatMap((block) =>
      block.type === 'paragraph'
        ? splitTexts([block.text]).map((text): ArticleBlock => ({ type: 'paragraph', text }))
        : [block],
    );
  draft.intro = splitTexts(draft.intro);
  for (const section of draft.sections) {
    section.blocks = splitBlocks(section.blocks);
    for (const sub of section.subsections ?? []) sub.blocks = splitBlocks(sub.blocks);
  }
  draft.conclusion.paragraphs = splitTexts(draft.conclusion.paragraphs);
  if (split) repairs.push('split paragraphs longer than the limit');

  const body = htmlToText(renderArticle(brief, draft).html);
  const missing = brief.secondaryKeywords.map(squish).filter((secondary) => secondary && !hasKeyword(body, secondary));
  if (missing.length > 0) {
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
    draft.conclusion.paragraphs.push(`Related topics worth exploring next include ${list}.`);
    repairs.push('mentioned the missing secondary keywords in the conclusion');
  }

  if (trimToLength(brief, draft)) repairs.push('removed paragraphs to bring the length within the target');

  const article = renderArticle(brief, draft);
  const violations = checkArticle(brief, article);
  return { draft, article, repairs, violations, regenerate: violations.length > 0 };
}

/** A long paragraph cut between sentences into parts of about 80 words. */
function splitParagraph(text: string): string[] {
  const parts: string[][] = [[]];
  for (const sentence of sentences(text)) {
    const current = parts.at(-1)!;
    if (current.length > 0 && countWords([...current, sentence].join(' ')) > 80) parts.push([sentence]);
    else current.push(sentence);
  }
  return parts.map((part) => part.join(' ')).filter(Boolean);
}

/**
 * Drops a section's last paragraph (never its only one, never a list or table) from the longest
 * sections until the body is within the target's upper bound; true when something was dropped.
 */
function trimToLength(brief: ArticleBrief, draft: ArticleDraft): boolean {
  const { min, max } = wordRange(brief.targetWords);
  let count = renderArticle(brief, draft).wordCount;
  let trimmed = false;
  while (count > max) {
    const candidates = draft.sections
      .map((section) => {
        const paragraphs = section.blocks.filter((block) => block.type === 'paragraph');
        const last = section.blocks.findLastIndex((block) => block.type === 'paragraph');
        return { section, last, paragraphs: paragraphs.length, words: countWords(JSON.stringify(section.blocks)) };
      })
      .filter((candidate) => candidate.paragraphs > 1)
      .sort((a, b) => b.words - a.words);
    const candidate = candidates[0];
    if (!candidate) break;
    const removed = candidate.section.blocks[candidate.last] as Extract<ArticleBlock, { type: 'paragraph' }>;
    if (count - countWords(removed.text) < min) break;
    candidate.section.blocks.splice(candidate.last, 1);
    count = renderArticle(brief, draft).wordCount;
    trimmed = true;
  }
  return trimmed;
}
