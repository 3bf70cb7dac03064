import { describe, expect, it } from 'vitest';
import { type ArticleDraft, offlineArticle, repairArticle } from '../src/domain/article/index.js';
import { brief } from './article-fixtures.js';

const subject = brief();
const good = offlineArticle(subject);

describe('repairing a draft', () => {
  it('leaves a good draft alone', () => {
    const result = repairArticle(subject, good);
    expect(result.repairs).toEqual([]);
    expect(result.violations).toEqual([]);
    expect(result.regenerate).toBe(false);
    expect(result.draft).toEqual(good);
  });

  it('cuts a long meta title at a word, pads a short description with the keyword, and makes the slug', () => {
    const draft: ArticleDraft = {
      ...good,
      metaTitle: 'Dog training: a practical guide for new owners who want a calm and happy dog',
      metaDescription: 'Teach your puppy to sit.',
      slug: 'Puppy Manners!',
    };
    const result = repairArticle(subject, draft);
    expect(result.article.metaTitle).toBe('Dog training: a practical guide for new owners who want');
    expect(result.article.metaTitle.length).toBeLessThanOrEqual(60);
    expect(result.article.metaDescription.length).toBeGreaterThanOrEqual(120);
    expect(result.article.metaDescription.length).toBeLessThanOrEqual(160);
    expect(result.article.metaDescription).toMatch(/^Dog training: teach your puppy to sit\./);
    expect(result.article.slug).toBe('dog-training');
    expect(result.violations).toEqual([]);
  });

  it('cuts a long description at a sentence end, keeping the keyword', () => {
    const metaDescription = `${'Short sessions work best for young dogs. '.repeat(4)}This is the dog training plan we recommend.`;
    const result = repairArticle(subject, { ...good, metaDescription });
    expect(result.article.metaDescription.length).toBeLessThanOrEqual(160);
    expect(result.article.metaDescription).toMatch(/^Dog training: short sessions.*\.$/);
  });

  it('works a missing keyword into the title, the first sentence and a heading', () => {
    const draft: ArticleDraft = {
      ...good,
      title: 'A practical guide for new owners',
      intro: [
        'Puppies learn fast when sessions are short.',
        ...good.intro.slice(1).map((p) => p.replace(/dog training/gi, 'it')),
      ],
      sections: good.sections.map((section) => ({
        ...section,
        heading: section.heading.replace(/dog training/i, 'training'),
      })),
      conclusion: { heading: 'Final thoughts', paragraphs: good.conclusion.paragraphs },
    };
    const result = repairArticle(
      {
        ...subject,
        outline: subject.outline.map((s) => ({ ...s, heading: s.heading.replace(/dog training/i, 'training') })),
      },
      draft,
    );
    expect(result.article.title).toBe('Dog training: a practical guide for new owners');
    expect(result.article.html).toMatch(/^<p>This article is about dog training\. Puppies learn fast/);
    expect(result.article.html).toContain('<h2>Final thoughts on dog training</h2>');
    expect(result.violations).toEqual([]);
  });

  it('keeps five FAQ entries, splits long paragraphs and mentions missing secondary keywords', () => {
    const long = Array.from(
      { length: 14 },
      (_, i) => `Sentence ${i + 1} is about short daily sessions with your dog.`,
    ).join(' ');
    const draft: ArticleDraft = {
      ...good,
      faq: [...good.faq, ...good.faq].slice(0, 7),
      sections: [
        { ...good.sections[0]!, blocks: [{ type: 'paragraph', text: long }, ...good.sections[0]!.blocks.slice(1)] },
        ...good.sections.slice(1),
      ],
    };
    const result = repairArticle({ ...subject, secondaryKeywords: ['puppy classes', 'agility courses'] }, draft);
    expect(result.draft.faq).toHaveLength(5);
    expect(result.article.html).toContain('Related topics worth exploring next include agility courses.');
    expect(result.repairs).toEqual([
      'kept the first 5 FAQ entries',
      'split paragraphs longer than the limit',
      'mentioned the missing secondary keywords in the conclusion',
    ]);
    const paragraphs = result.draft.sections[0]!.blocks.filter((block) => block.type === 'paragraph');
    expect(paragraphs.length).toBeGreaterThan(1);
  });

  it('trims an overlong body by whole paragraphs to the target', () => {
    const result = repairArticle({ ...subject, targetWords: 900 }, good);
    expect(result.repairs).toContain('removed paragraphs to bring the length within the target');
    expect(result.article.wordCount).toBeLessThanOrEqual(1035);
    expect(result.violations).toEqual([]);
  });

  it('asks for a new draft when the article is too short or has too few sections, saying why', () => {
    const short = repairArticle({ ...subject, targetWords: 2500 }, good);
    expect(short.regenerate).toBe(true);
    expect(short.violations.map((v) => v.message)).toEqual([
      expect.stringMatching(/words; the target is 2500, so it needs 2125 to 2875/),
    ]);
    const thin = repairArticle(
      { ...subject, outline: [], targetWords: 500 },
      { ...good, sections: good.sections.slice(0, 2) },
    );
    expect(thin.regenerate).toBe(true);
    expect(thin.violations.map((v) => v.rule)).toContain('sections');
  });
});
