// The rules an article must meet before it is saved (issue 10): structure, length, keywords, SEO fields
// and JSON-LD. Checked on the stored form (title, body HTML, meta fields), so an edited article can be
// checked the same way; each violation says what to change.
import type { ArticleBrief, OutlineSection } from './draft.js';
import { CONCLUSION_HEADING_PATTERN, coversHeading, FAQ_HEADING_PATTERN } from './headings.js';
import { type ScannedBlock, type ScannedSection, scanHtml, sectionsOf } from './html-scan.js';
import type { JsonLd } from './render.js';
import { TABLE_STRUCTURES } from './structures.js';
import { countWords, hasKeyword, SLUG_PATTERN, slugify, words } from './text.js';

export const ARTICLE_LIMITS = {
  sections: { min: 4, max: 10 },
  faq: { min: 3, max: 5 },
  wordTolerance: 0.15,
  paragraphMaxWords: 120,
  introWords: 100,
  metaTitleMax: 60,
  metaDescription: { min: 120, max: 160 },
  slugMax: 75,
} as const;

export const ARTICLE_RULES = [
  'title',
  'single_h1',
  'sections',
  'outline',
  'outline_subsections',
  'paragraph_length',
  'list',
  'table',
  'faq',
  'conclusion',
  'word_count',
  'keyword_title',
  'keyword_intro',
  'keyword_heading',
  'keyword_slug',
  'keyword_meta_description',
  'meta_title',
  'meta_description',
  'slug',
  'secondary_keywords',
  'schema_markup',
] as const;
export type ArticleRule = (typeof ARTICLE_RULES)[number];

export interface ArticleViolation {
  rule: ArticleRule;
  message: string;
}

/** The stored form of an article that the rules read. */
export interface CheckableArticle {
  title: string;
  html: string;
  metaTitle: string;
  metaDescription: string;
  slug: string;
  schemaMarkup?: JsonLd[];
}

/** The accepted word counts for a target: ±15 %. */
export function wordRange(targetWords: number): { min: number; max: number } {
  return {
    min: Math.ceil(targetWords * (1 - ARTICLE_LIMITS.wordTolerance)),
    max: Math.floor(targetWords * (1 + ARTICLE_LIMITS.wordTolerance)),
  };
}

/** The body's parts: intro, content sections, the FAQ and the conclusion (the last H2, when it reads as one). */
export function articleParts(html: string) {
  const scanned = scanHtml(html);
  const { intro, sections } = sectionsOf(scanned);
  const last = sections.at(-1);
  const conclusion = last && CONCLUSION_HEADING_PATTERN.test(last.heading) ? last : undefined;
  const faq = sections.findLast((section) => section !== conclusion && FAQ_HEADING_PATTERN.test(section.heading));
  const content = sections.filter((section) => section !== conclusion && section !== faq);
  return { scanned, intro, sections, content, faq, conclusion };
}

/**
 * The outline's sections the article's own H2s must cover: at most 10, without an FAQ or conclusion
 * entry (the article has its own FAQ and conclusion sections).
 */
export function contentOutline(outline: OutlineSection[]): OutlineSection[] {
  return outline
    .filter((section) => section.heading.trim())
    .filter(
      (section) => !FAQ_HEADING_PATTERN.test(section.heading) && !CONCLUSION_HEADING_PATTERN.test(section.heading),
    )
    .slice(0, ARTICLE_LIMITS.sections.max);
}

const quote = (text: string) => `“${text}”`;
const blocksOf = (sections: ScannedSection[]) => sections.flatMap((section) => section.blocks);

export function checkArticle(brief: ArticleBrief, article: CheckableArticle): ArticleViolation[] {
  const violations: ArticleViolation[] = [];
  const add = (rule: ArticleRule, message: string) => violations.push({ rule, message });
  const keyword = brief.primaryKeyword.trim();
  const kw = quote(keyword);
  const { scanned, intro, sections, content, faq, conclusion } = articleParts(article.html);
  const allBlocks: ScannedBlock[] = [...intro, ...blocksOf(sections)];

  if (!article.title.trim()) add('title', 'The article has no title.');
  else if (keyword && !hasKeyword(article.title, keyword)) add('keyword_title', `The title does not contain ${kw}.`);
  if (scanned.h1Count > 0) {
    add('single_h1', `The body holds ${scanned.h1Count} H1 heading(s); the title is the only H1, use H2 in the body.`);
  }

  const { sections: sectionLimits } = ARTICLE_LIMITS;
  if (content.length < sectionLimits.min || content.length > sectionLimits.max) {
    add(
      'sections',
      `The article has ${content.length} H2 section(s) besides the FAQ and conclusion; it needs ${sectionLimits.min} to ${sectionLimits.max}.`,
    );
  }
  for (const planned of contentOutline(brief.outline)) {
    const section = content.find((candidate) => coversHeading(planned.heading, candidate.heading));
    if (!section) {
      add('outline', `The outline section ${quote(planned.heading)} has no H2 in the article.`);
      continue;
    }
    for (const sub of planned.subsections ?? []) {
      if (!section.subheadings.some((heading) => coversHeading(sub.heading, heading))) {
        add(
          'outline_subsections',
          `The outline point ${quote(sub.heading)} needs an H3 under ${quote(section.heading)}.`,
        );
      }
    }
  }

  const longest = allBlocks
    .filter((block): block is Extract<ScannedBlock, { kind: 'paragraph' }> => block.kind === 'paragraph')
    .map((block) => ({ block, words: countWords(block.text) }))
    .filter((entry) => entry.words > ARTICLE_LIMITS.paragraphMaxWords);
  for (const { block, words: count } of longest) {
    add(
      'paragraph_length',
      `A paragraph has ${count} words (“${block.text.slice(0, 40)}…”); split it into paragraphs of at most ${ARTICLE_LIMITS.paragraphMaxWords}.`,
    );
  }
  if (!allBlocks.some((block) => block.kind === 'list' && block.items.length >= 2)) {
    add('list', 'The article needs at least one bulleted or numbered list (two items or more).');
  }
  if (
    TABLE_STRUCTURES.includes(brief.contentStructure) &&
    !allBlocks.some((block) => block.kind === 'table' && block.rows >= 2 && block.headerCells >= 2)
  ) {
    add(
      'table',
      `A ${brief.contentStructure.replace('_', ' ')} needs a table with a header row and at least two rows.`,
    );
  }

  const questions = faq?.subheadings.length ?? 0;
  if (!faq)
    add(
      'faq',
      `The article needs an FAQ section (an H2 “Frequently asked questions”) with ${ARTICLE_LIMITS.faq.min} to ${ARTICLE_LIMITS.faq.max} questions as H3.`,
    );
  else if (questions < ARTICLE_LIMITS.faq.min || questions > ARTICLE_LIMITS.faq.max) {
    add(
      'faq',
      `The FAQ has ${questions} question(s); it needs ${ARTICLE_LIMITS.faq.min} to ${ARTICLE_LIMITS.faq.max}.`,
    );
  }
  if (!conclusion?.blocks.some((block) => block.kind === 'paragraph')) {
    add('conclusion', 'The article must end with a conclusion: a last H2 such as “Conclusion” with a paragraph.');
  }

  const wordCount = countWords(scanned.text);
  const range = wordRange(brief.targetWords);
  if (wordCount < range.min || wordCount > range.max) {
    add(
      'word_count',
      `The article has ${wordCount} words; the target is ${brief.targetWords}, so it needs ${range.min} to ${range.max}.`,
    );
  }

  if (keyword) {
    const opening = words(scanned.text).slice(0, ARTICLE_LIMITS.introWords).join(' ');
    if (!hasKeyword(opening, keyword)) add('keyword_intro', `The primary keyword ${kw} is not in the first 100 words.`);
    if (!sections.some((section) => hasKeyword(section.heading, keyword))) {
      add('keyword_heading', `No H2 heading contains the primary keyword ${kw}.`);
    }
    if (article.slug && !article.slug.includes(slugify(keyword))) {
      add('keyword_slug', `The slug “${article.slug}” does not contain “${slugify(keyword)}”.`);
    }
    if (!hasKeyword(article.metaDescription, keyword)) {
      add('keyword_meta_description', `The meta description does not contain ${kw}.`);
    }
  }

  const metaTitle = article.metaTitle.trim();
  if (!metaTitle) add('meta_title', 'The meta title is empty.');
  else if (metaTitle.length > ARTICLE_LIMITS.metaTitleMax) {
    add(
      'meta_title',
      `The meta title has ${metaTitle.length} characters; shorten it to ${ARTICLE_LIMITS.metaTitleMax} or fewer.`,
    );
  }
  const description = article.metaDescription.trim();
  const { min, max } = ARTICLE_LIMITS.metaDescription;
  if (description.length < min || description.length > max) {
    add('meta_description', `The meta description has ${description.length} characters; it needs ${min} to ${max}.`);
  }
  if (!article.slug) add('slug', 'The article has no slug.');
  else if (!SLUG_PATTERN.test(article.slug) || article.slug.length > ARTICLE_LIMITS.slugMax) {
    add(
      'slug',
      `The slug “${article.slug}” must be lowercase letters and digits joined by hyphens, at most ${ARTICLE_LIMITS.slugMax} characters.`,
    );
  }
  const missing = brief.secondaryKeywords.filter(
    (secondary) => secondary.trim() && !hasKeyword(scanned.text, secondary),
  );
  if (missing.length > 0) {
    add('secondary_keywords', `The secondary keyword(s) ${missing.map(quote).join(', ')} are not used in the body.`);
  }

  if (article.schemaMarkup) {
    const types = article.schemaMarkup.map((entry) => entry['@type']);
    if (!types.includes('Article')) add('schema_markup', 'The schema.org markup has no Article.');
    if (faq && questions > 0 && !types.includes('FAQPage')) {
      add('schema_markup', 'The article has an FAQ but its schema.org markup has no FAQPage.');
    }
  }
  return violations;
}
