// What an article is asked for (the brief) and the JSON a model answers with (the draft), validated
// with zod: structure here, the SEO rules in rules.ts (so a draft that misses them can be repaired).

import type { ContentStructure, OutlineSection } from '@igny8/db/writer';
import { z } from 'zod';

export type { ContentStructure, OutlineSection };

/** Everything the writer knows when it writes one article (from the task, its idea and the site). */
export interface ArticleBrief {
  title: string;
  primaryKeyword: string;
  secondaryKeywords: string[];
  outline: OutlineSection[];
  contentType: string;
  contentStructure: ContentStructure;
  targetWords: number;
  /** The author profile's tone and voice, as its text. */
  tone?: string;
  /** The content strategy to apply, as its text. */
  strategy?: string;
  siteName?: string;
  authorName?: string;
  audience?: string;
  /** BCP 47 tag for `inLanguage`; English when absent. */
  language?: string;
}

export { TABLE_STRUCTURES } from './structures.js';

const line = (max: number) => z.string().trim().min(1).max(max);
const paragraph = line(4000);

export const articleBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text: paragraph }),
  z.object({
    type: z.literal('list'),
    ordered: z.boolean().default(false),
    items: z.array(line(600)).min(1).max(30),
  }),
  z.object({
    type: z.literal('table'),
    caption: z.string().trim().max(200).optional(),
    headers: z.array(line(120)).min(2).max(8),
    rows: z
      .array(z.array(z.string().trim().max(400)).min(1).max(8))
      .min(1)
      .max(30),
  }),
]);
export type ArticleBlock = z.infer<typeof articleBlockSchema>;

const subsectionSchema = z.object({ heading: line(160), blocks: z.array(articleBlockSchema).min(1).max(20) });

export const articleSectionSchema = z.object({
  heading: line(160),
  blocks: z.array(articleBlockSchema).min(1).max(30),
  subsections: z.array(subsectionSchema).max(8).optional(),
});
export type ArticleSection = z.infer<typeof articleSectionSchema>;

/** The JSON a model answers for one article. Text only: every string is escaped when rendered. */
export const articleDraftSchema = z.object({
  title: line(200),
  metaTitle: z.string().trim().max(200),
  metaDescription: z.string().trim().max(600),
  slug: z.string().trim().max(200).optional(),
  intro: z.array(paragraph).min(1).max(6),
  sections: z.array(articleSectionSchema).min(1).max(16),
  faq: z.array(z.object({ question: line(300), answer: paragraph })).max(12),
  conclusion: z.object({
    heading: z.string().trim().max(160).optional(),
    paragraphs: z.array(paragraph).min(1).max(6),
  }),
});
export type ArticleDraft = z.infer<typeof articleDraftSchema>;

/** The JSON shape in words, for the generation prompt. */
export const articleJsonInstructions = `Answer with one JSON object and nothing else:
{
  "title": "the H1, with the primary keyword",
  "metaTitle": "at most 60 characters",
  "metaDescription": "120 to 160 characters, with the primary keyword",
  "slug": "lowercase-words-with-hyphens, with the primary keyword",
  "intro": ["paragraph", "..."],
  "sections": [
    {
      "heading": "an H2 from the outline",
      "blocks": [
        { "type": "paragraph", "text": "40 to 90 words" },
        { "type": "list", "ordered": false, "items": ["item", "item"] },
        { "type": "table", "caption": "optional", "headers": ["A", "B"], "rows": [["a1", "b1"]] }
      ],
      "subsections": [{ "heading": "an H3 from the outline", "blocks": [] }]
    }
  ],
  "faq": [{ "question": "…?", "answer": "…" }],
  "conclusion": { "heading": "Conclusion", "paragraphs": ["…"] }
}
Plain text in every string: no HTML, no Markdown. Use the outline's headings for the sections (4 to 10),
its nested points as subsections, put the primary keyword in the first 100 words and in one heading,
keep paragraphs short, include at least one list, 3 to 5 FAQ entries, and a table when the structure is
a comparison, review or listicle.`;
