import { CONTENT_STRUCTURES } from '@igny8/db/writer';
import { describe, expect, it } from 'vitest';
import {
  articleDraftSchema,
  checkArticle,
  htmlToText,
  offlineArticle,
  renderArticle,
  repeatsPhrase,
  wordRange,
} from '../src/domain/article/index.js';
import { bareBrief, brief } from './article-fixtures.js';

describe('the offline sample writer', () => {
  for (const structure of CONTENT_STRUCTURES) {
    it(`writes a ${structure} at 500, 1200 and 2500 words that breaks no article rule`, () => {
      for (const targetWords of [500, 1200, 2500]) {
        for (const subject of [
          brief({ contentStructure: structure, targetWords }),
          bareBrief('home composting', structure, targetWords),
        ]) {
          const draft = offlineArticle(subject);
          expect(articleDraftSchema.safeParse(draft).success).toBe(true);
          const article = renderArticle(subject, draft);
          expect(checkArticle(subject, article)).toEqual([]);
          const { min, max } = wordRange(targetWords);
          expect(article.wordCount).toBeGreaterThanOrEqual(min);
          expect(article.wordCount).toBeLessThanOrEqual(max);
          // Aimed well inside the ±15 %: within 5 %.
          expect(Math.abs(article.wordCount - targetWords) / targetWords).toBeLessThan(0.05);
        }
      }
    });
  }

  it('writes the same text for the same brief and seed, and another text for another seed', () => {
    const subject = brief();
    expect(offlineArticle(subject)).toEqual(offlineArticle(structuredClone(subject)));
    expect(offlineArticle(subject, 1)).toEqual(offlineArticle(subject, 1));
    expect(JSON.stringify(offlineArticle(subject, 1))).not.toEqual(JSON.stringify(offlineArticle(subject, 2)));
  });

  it('follows the outline: its headings as H2 in order, nested points as H3', () => {
    const subject = brief({ audience: 'first-time dog owners' });
    const article = renderArticle(subject, offlineArticle(subject));
    const h2 = [...article.html.matchAll(/<h2>(.*?)<\/h2>/g)].map((match) => match[1]);
    expect(h2.slice(0, 5)).toEqual(subject.outline.map((section) => section.heading));
    expect(article.html).toContain('<h3>Morning sessions</h3>');
    expect(article.html).toContain('<h3>Evening sessions</h3>');
    expect(article.html).toContain('It is written for first-time dog owners.');
    expect(checkArticle(subject, article)).toEqual([]);
    expect(article.outline.map((section) => section.heading)).toEqual(subject.outline.map((s) => s.heading));
  });

  it('leaves an outline’s FAQ and conclusion entries to its own FAQ and conclusion', () => {
    const subject = brief({
      outline: [
        ...brief().outline,
        { heading: 'FAQs', points: ['Cost'] },
        { heading: 'Conclusion', points: ['Recap'] },
      ],
    });
    const article = renderArticle(subject, offlineArticle(subject));
    expect(checkArticle(subject, article)).toEqual([]);
    expect(article.html.match(/<h2>/g)).toHaveLength(7);
  });

  it('copes with unusual briefs: a long outline, a long keyword, the largest target, a question keyword', () => {
    const outline = Array.from({ length: 12 }, (_, i) => ({
      heading: `Topic number ${i + 1}`,
      points: [`point ${i + 1}`],
    }));
    const briefs = [
      brief({ outline, targetWords: 3000 }),
      bareBrief('best budget noise cancelling headphones for long haul flights', 'listicle', 1500),
      bareBrief('content marketing', 'cluster_hub', 10_000),
      bareBrief('what is a heat pump', 'article', 300),
    ];
    for (const subject of briefs) {
      const article = renderArticle(subject, offlineArticle(subject));
      expect(checkArticle(subject, article), subject.primaryKeyword).toEqual([]);
      expect(repeatsPhrase(article.title), article.title).toBe(false);
    }
  });

  it('invents sensible sections from the keyword and structure when the outline is empty', () => {
    const article = renderArticle(
      bareBrief('home composting', 'how_to', 1200),
      offlineArticle(bareBrief('home composting', 'how_to', 1200)),
    );
    expect(article.title).toBe('Home composting: a step-by-step guide');
    expect(article.html).toContain('<h2>Home composting: what you need</h2>');
    expect(article.html).toContain('<h2>Step 1: prepare</h2>');
    expect(article.html).toMatch(/<ol><li>/);
  });

  it('writes readable titles in sentence case, never repeating a phrase', () => {
    const titles = CONTENT_STRUCTURES.flatMap((structure) =>
      ['how to train a puppy', 'Dog Training', 'best running shoes', 'crm vs spreadsheet', 'laptop review'].map(
        (keyword) => offlineArticle(bareBrief(keyword, structure, 800)).title,
      ),
    );
    for (const title of titles) {
      expect(repeatsPhrase(title), title).toBe(false);
      expect(title).toMatch(/^[A-Z]/);
      expect(title).not.toMatch(/\b(?:How To|A Puppy)\b/);
    }
    expect(offlineArticle(bareBrief('how to train a puppy', 'how_to', 800)).title).toBe(
      'How to train a puppy: a step-by-step guide',
    );
    expect(offlineArticle(bareBrief('what is a heat pump', 'article', 800)).title).toBe(
      'What is a heat pump? What you need to know',
    );
    expect(offlineArticle(bareBrief('laptop review', 'review', 800)).title).toBe(
      'Laptop review: what works and what does not',
    );
  });

  it('replaces a garbled brief title and puts title-cased outline headings in sentence case', () => {
    const subject = brief({
      title: 'How To Get How To Train A Puppy Right',
      primaryKeyword: 'how to train a puppy',
      contentStructure: 'how_to',
      outline: [{ heading: 'Set Up A Daily Routine', points: [] }],
    });
    const article = renderArticle(subject, offlineArticle(subject));
    expect(article.title).toBe('How to train a puppy: a step-by-step guide');
    expect(article.html).toContain('<h2>Set up a daily routine</h2>');
    expect(checkArticle(subject, article)).toEqual([]);
    // The keyword reads as a phrase inside sentences, not pasted in.
    expect(htmlToText(article.html)).toContain('Learning how to train a puppy is one of those topics');
  });

  it('reads as sample text: no sentence twice in a paragraph, and the keyword not stuffed', () => {
    const subject = bareBrief('home composting', 'article', 2500);
    const article = renderArticle(subject, offlineArticle(subject));
    const text = htmlToText(article.html);
    for (const paragraph of text.split('\n\n')) {
      const sentences = paragraph.split(/(?<=[.?!])\s+/);
      expect(new Set(sentences).size, paragraph).toBe(sentences.length);
    }
    const uses = (text.match(/home composting/gi) ?? []).length;
    expect(uses / article.wordCount).toBeLessThan(0.025);
  });
});
