// A draft made into what is stored: the body HTML (no H1, from the intro on), the SEO fields, the
// outline and the schema.org JSON-LD. Every string of the draft is untrusted text and is escaped.
import type { ArticleBlock, ArticleBrief, ArticleDraft, OutlineSection } from './draft.js';
import { CONCLUSION_HEADING, CONCLUSION_HEADING_PATTERN, coversHeading, FAQ_HEADING } from './headings.js';
import { htmlToText } from './html-scan.js';
import { countWords, escapeHtml, slugify, squish, trimAtWord } from './text.js';

export interface FaqEntry {
  question: string;
  answer: string;
}

export type JsonLd = Record<string, unknown>;

export interface RenderedArticle {
  title: string;
  /** The body: sanitised-by-construction HTML starting with the intro, without the H1. */
  html: string;
  metaTitle: string;
  metaDescription: string;
  slug: string;
  excerpt: string;
  wordCount: number;
  outline: OutlineSection[];
  /** `Article`, plus `FAQPage` when there is an FAQ. */
  schemaMarkup: JsonLd[];
  faq: FaqEntry[];
}

const paragraphHtml = (text: string) => `<p>${escapeHtml(squish(text))}</p>`;

function blockHtml(block: ArticleBlock): string {
  if (block.type === 'paragraph') return paragraphHtml(block.text);
  if (block.type === 'list') {
    const tag = block.ordered ? 'ol' : 'ul';
    return `<${tag}>${block.items.map((item) => `<li>${escapeHtml(squish(item))}</li>`).join('')}</${tag}>`;
  }
  const width = block.headers.length;
  const cells = (row: string[]) => Array.from({ length: width }, (_, i) => escapeHtml(squish(row[i] ?? '')));
  const caption = block.caption ? `<caption>${escapeHtml(squish(block.caption))}</caption>` : '';
  const head = `<thead><tr>${cells(block.headers)
    .map((cell) => `<th>${cell}</th>`)
    .join('')}</tr></thead>`;
  const body = block.rows.map(
    (row) =>
      `<tr>${cells(row)
        .map((cell) => `<td>${cell}</td>`)
        .join('')}</tr>`,
  );
  return `<table>${caption}${head}<tbody>${body.join('')}</tbody></table>`;
}

/** The conclusion's heading as written when it reads as one, else "Conclusion". */
export function conclusionHeading(draft: ArticleDraft): string {
  const heading = squish(draft.conclusion.heading ?? '');
  return heading && CONCLUSION_HEADING_PATTERN.test(heading) ? heading : CONCLUSION_HEADING;
}

export function renderArticle(brief: ArticleBrief, draft: ArticleDraft): RenderedArticle {
  const parts: string[] = draft.intro.map(paragraphHtml);
  for (const section of draft.sections) {
    parts.push(`<h2>${escapeHtml(squish(section.heading))}</h2>`, ...section.blocks.map(blockHtml));
    for (const subsection of section.subsections ?? []) {
      parts.push(`<h3>${escapeHtml(squish(subsection.heading))}</h3>`, ...subsection.blocks.map(blockHtml));
    }
  }
  const faq = draft.faq.map((entry) => ({ question: squish(entry.question), answer: squish(entry.answer) }));
  if (faq.length > 0) {
    parts.push(`<h2>${FAQ_HEADING}</h2>`);
    for (const entry of faq) parts.push(`<h3>${escapeHtml(entry.question)}</h3>`, paragraphHtml(entry.answer));
  }
  parts.push(`<h2>${escapeHtml(conclusionHeading(draft))}</h2>`, ...draft.conclusion.paragraphs.map(paragraphHtml));
  const html = parts.join('\n');

  const title = squish(draft.title);
  const metaTitle = squish(draft.metaTitle) || trimAtWord(title, 60);
  const metaDescription = squish(draft.metaDescription);
  const slug = slugify(draft.slug || brief.primaryKeyword || title);
  const wordCount = countWords(htmlToText(html));
  const outline: OutlineSection[] = draft.sections.map((section) => {
    const planned = brief.outline.find((entry) => coversHeading(entry.heading, section.heading));
    return {
      heading: squish(section.heading),
      points: planned?.points ?? [],
      ...(section.subsections?.length
        ? { subsections: section.subsections.map((sub) => ({ heading: squish(sub.heading), points: [] })) }
        : {}),
    };
  });
  const keywords = [brief.primaryKeyword, ...brief.secondaryKeywords].map(squish).filter(Boolean);
  const article: JsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: trimAtWord(title, 110),
    description: metaDescription,
    keywords: keywords.join(', '),
    wordCount,
    inLanguage: brief.language ?? 'en',
    ...(brief.authorName ? { author: { '@type': 'Person', name: brief.authorName } } : {}),
    ...(brief.siteName ? { publisher: { '@type': 'Organization', name: brief.siteName } } : {}),
  };
  const schemaMarkup: JsonLd[] = [article];
  if (faq.length > 0) {
    schemaMarkup.push({
      '@context': 'https://schema.org',
      '@type': 'FAQPage',
      mainEntity: faq.map((entry) => ({
        '@type': 'Question',
        name: entry.question,
        acceptedAnswer: { '@type': 'Answer', text: entry.answer },
      })),
    });
  }
  return {
    title,
    html,
    metaTitle,
    metaDescription,
    slug,
    excerpt: trimAtWord(draft.intro[0] ?? '', 300, '…'),
    wordCount,
    outline,
    schemaMarkup,
    faq,
  };
}

/**
 * The JSON-LD as `<script type="application/ld+json">` elements for a page's head: `<`, `>` and
 * `&` are written as \u escapes, so no text in the markup can close the script element.
 */
export function jsonLdScripts(schemaMarkup: JsonLd[]): string {
  return schemaMarkup
    .map((entry) => {
      const json = JSON.stringify(entry)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
      return `<script type="application/ld+json">${json}</script>`;
    })
    .join('\n');
}
