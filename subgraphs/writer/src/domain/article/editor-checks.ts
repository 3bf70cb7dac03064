// The editor's side panel: live figures for the article being edited (word count against the target,
// keyword uses, headings, links, images without alt text, Flesch reading ease). Browser-safe.

import { scanHtml } from './html-scan.js';
import { fleschReadingEase, type ReadingEase } from './readability.js';
import { ARTICLE_LIMITS, wordRange } from './rules.js';
import { countWords, hasKeyword, keywordUses } from './text.js';

export interface ArticleStats {
  wordCount: number;
  headings: { level: number; text: string }[];
  h2Count: number;
  h3Count: number;
  links: { internal: number; external: number };
  images: number;
  imagesWithoutAlt: number;
  readingEase: ReadingEase;
}

/**
 * A link is internal when it is relative, a fragment, or on one of `siteHosts` (host names, "www."
 * ignored); mailto and other schemes count as neither.
 */
export function articleStats(html: string, siteHosts: string[] = []): ArticleStats {
  const scanned = scanHtml(html);
  const headings = scanned.blocks.flatMap((block) =>
    block.kind === 'heading' ? [{ level: block.level, text: block.text }] : [],
  );
  const hosts = new Set(siteHosts.map((host) => host.toLowerCase().replace(/^www\./, '')));
  const links = { internal: 0, external: 0 };
  for (const link of scanned.links) {
    const href = link.href.trim();
    const absolute = /^https?:\/\/([^/?#:]+)/i.exec(href);
    if (absolute) {
      if (hosts.has(absolute[1]!.toLowerCase().replace(/^www\./, ''))) links.internal++;
      else links.external++;
    } else if (href && !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//')) {
      links.internal++;
    }
  }
  return {
    wordCount: countWords(scanned.text),
    headings,
    h2Count: headings.filter((heading) => heading.level === 2).length,
    h3Count: headings.filter((heading) => heading.level === 3).length,
    links,
    images: scanned.images.length,
    imagesWithoutAlt: scanned.images.filter((image) => !image.alt.trim()).length,
    readingEase: fleschReadingEase(scanned.text),
  };
}

export interface EditorCheckInput {
  html: string;
  title: string;
  metaTitle: string;
  metaDescription: string;
  primaryKeyword: string;
  secondaryKeywords: string[];
  targetWords?: number | null;
  siteHosts?: string[];
}

export interface EditorCheck {
  id: string;
  ok: boolean;
  /** What the panel shows: the figure and, when not ok, what to do. */
  message: string;
}

export interface EditorChecks {
  stats: ArticleStats;
  keywordUses: { keyword: string; uses: number }[];
  checks: EditorCheck[];
}

export function editorChecks(input: EditorCheckInput): EditorChecks {
  const stats = articleStats(input.html, input.siteHosts);
  const text = scanHtml(input.html).text;
  const keyword = input.primaryKeyword.trim();
  const keywords = [keyword, ...input.secondaryKeywords.map((k) => k.trim())].filter(Boolean);
  const uses = keywords.map((k) => ({ keyword: k, uses: keywordUses(text, k) }));
  const checks: EditorCheck[] = [];
  const check = (id: string, ok: boolean, message: string) => checks.push({ id, ok, message });

  if (input.targetWords) {
    const range = wordRange(input.targetWords);
    const ok = stats.wordCount >= range.min && stats.wordCount <= range.max;
    check(
      'word_count',
      ok,
      `${stats.wordCount} of ${input.targetWords} words${ok ? '' : ` — aim for ${range.min} to ${range.max}`}`,
    );
  } else {
    check('word_count', true, `${stats.wordCount} words`);
  }
  if (keyword) {
    const primaryUses = uses[0]!.uses;
    check('keyword_uses', primaryUses > 0, `“${keyword}” used ${primaryUses} time(s)`);
    check(
      'keyword_title',
      hasKeyword(input.title, keyword),
      `Title ${hasKeyword(input.title, keyword) ? 'has' : 'lacks'} “${keyword}”`,
    );
    const inHeading = stats.headings.some((heading) => heading.level === 2 && hasKeyword(heading.text, keyword));
    check('keyword_heading', inHeading, inHeading ? `An H2 has “${keyword}”` : `Put “${keyword}” in one H2`);
  }
  const { min: sectionsMin, max: sectionsMax } = ARTICLE_LIMITS.sections;
  check(
    'headings',
    stats.h2Count >= sectionsMin && !stats.headings.some((heading) => heading.level === 1),
    `${stats.h2Count} H2, ${stats.h3Count} H3${stats.h2Count < sectionsMin ? ` — use at least ${sectionsMin} H2 sections` : ''}${stats.h2Count > sectionsMax + 2 ? ' — consider merging sections' : ''}`,
  );
  check(
    'links',
    stats.links.internal > 0,
    `${stats.links.internal} internal, ${stats.links.external} external link(s)`,
  );
  check(
    'image_alt',
    stats.imagesWithoutAlt === 0,
    stats.imagesWithoutAlt === 0
      ? `${stats.images} image(s), all with alt text`
      : `${stats.imagesWithoutAlt} of ${stats.images} image(s) have no alt text`,
  );
  const metaTitle = input.metaTitle.trim().length;
  check(
    'meta_title',
    metaTitle > 0 && metaTitle <= ARTICLE_LIMITS.metaTitleMax,
    `Meta title ${metaTitle}/${ARTICLE_LIMITS.metaTitleMax} characters`,
  );
  const description = input.metaDescription.trim().length;
  const { min, max } = ARTICLE_LIMITS.metaDescription;
  check(
    'meta_description',
    description >= min && description <= max,
    `Meta description ${description} characters (${min}–${max})`,
  );
  const ease = stats.readingEase.score;
  check(
    'readability',
    stats.readingEase.words === 0 || ease >= 50,
    `Flesch reading ease ${ease}${ease < 50 ? ' — use shorter sentences and words' : ''}`,
  );
  for (const entry of uses.slice(1)) {
    check(`secondary:${entry.keyword}`, entry.uses > 0, `“${entry.keyword}” used ${entry.uses} time(s)`);
  }
  return { stats, keywordUses: uses, checks };
}
