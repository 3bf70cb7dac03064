import { describe, expect, it } from 'vitest';
import {
  type ArticleDraft,
  articleDraftSchema,
  articleJsonInstructions,
  checkArticle,
  jsonLdScripts,
  offlineArticle,
  renderArticle,
} from '../src/domain/article/index.js';
import { brief } from './article-fixtures.js';

const subject = brief();
const draft = offlineArticle(subject);

describe('rendering a draft', () => {
  it('writes the body without the H1, starting with the intro, and holds the title apart', () => {
    const article = renderArticle(subject, draft);
    expect(article.title).toBe(subject.title);
    expect(article.html.startsWith('<p>')).toBe(true);
    expect(article.html).not.toContain('<h1');
    expect(article.slug).toBe('dog-training');
    expect(article.excerpt.length).toBeLessThanOrEqual(300);
    expect(article.faq).toHaveLength(4);
    expect(article.html).toMatch(/<h2>Frequently asked questions<\/h2>\n<h3>/);
  });

  it('escapes every string of the untrusted draft', () => {
    const hostile: ArticleDraft = {
      ...draft,
      intro: ['<script>alert(1)</script> & "quotes"', ...draft.intro],
      sections: [
        { heading: '<img src=x onerror=alert(1)>', blocks: [{ type: 'paragraph', text: 'a <b>bold</b> claim' }] },
        ...draft.sections,
      ],
      faq: [{ question: 'Is <iframe> allowed?', answer: '</p><script>x</script>' }, ...draft.faq.slice(1)],
    };
    const { html, schemaMarkup } = renderArticle(subject, hostile);
    expect(html).not.toMatch(/<script|<img|<iframe|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('<h2>&lt;img src=x onerror=alert(1)&gt;</h2>');
    // JSON-LD keeps the text as written; the script element it goes in escapes it.
    const scripts = jsonLdScripts(schemaMarkup);
    expect(scripts).not.toContain('</script><script>');
    expect(scripts.match(/<\/script>/g)).toHaveLength(2);
    expect(
      JSON.parse(scripts.split('</script>')[1]!.replace(/^\n?<script type="application\/ld\+json">/, '')),
    ).toMatchObject({
      '@type': 'FAQPage',
    });
  });

  it('pads or cuts table rows to the header width', () => {
    const withTable: ArticleDraft = {
      ...draft,
      sections: [
        {
          heading: 'Compared',
          blocks: [{ type: 'table', headers: ['A', 'B', 'C'], rows: [['1'], ['1', '2', '3', '4']] }],
        },
      ],
    };
    expect(renderArticle(subject, withTable).html).toContain(
      '<table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody><tr><td>1</td><td></td><td></td></tr><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>',
    );
  });

  it('generates schema.org Article and FAQPage JSON-LD', () => {
    const article = renderArticle({ ...subject, language: 'en-GB' }, draft);
    expect(article.schemaMarkup).toEqual([
      {
        '@context': 'https://schema.org',
        '@type': 'Article',
        headline: subject.title,
        description: article.metaDescription,
        keywords: 'dog training, puppy classes, clicker training',
        wordCount: article.wordCount,
        inLanguage: 'en-GB',
        author: { '@type': 'Person', name: 'Sam Carter' },
        publisher: { '@type': 'Organization', name: 'Happy Paws' },
      },
      {
        '@context': 'https://schema.org',
        '@type': 'FAQPage',
        mainEntity: article.faq.map((entry) => ({
          '@type': 'Question',
          name: entry.question,
          acceptedAnswer: { '@type': 'Answer', text: entry.answer },
        })),
      },
    ]);
  });

  it('calls the last section "Conclusion" when the model named it otherwise', () => {
    const article = renderArticle(subject, { ...draft, conclusion: { heading: 'Ready?', paragraphs: ['Go on.'] } });
    expect(article.html).toMatch(/<h2>Conclusion<\/h2>\n<p>Go on.<\/p>$/);
  });
});

describe('the draft schema', () => {
  it('accepts what the offline writer makes and what the instructions describe', () => {
    expect(articleDraftSchema.parse(draft)).toEqual(draft);
    for (const key of ['title', 'metaTitle', 'metaDescription', 'slug', 'intro', 'sections', 'faq', 'conclusion']) {
      expect(articleJsonInstructions).toContain(`"${key}"`);
    }
  });

  it('refuses a draft without sections, a table without headers, or an unknown block', () => {
    expect(articleDraftSchema.safeParse({ ...draft, sections: [] }).success).toBe(false);
    const table = { type: 'table', headers: ['Only'], rows: [['x']] };
    expect(articleDraftSchema.safeParse({ ...draft, sections: [{ heading: 'H', blocks: [table] }] }).success).toBe(
      false,
    );
    const video = { type: 'video', url: 'https://example.com' };
    expect(articleDraftSchema.safeParse({ ...draft, sections: [{ heading: 'H', blocks: [video] }] }).success).toBe(
      false,
    );
  });

  it('renders what it accepts into an article the rules can check', () => {
    expect(checkArticle(subject, renderArticle(subject, articleDraftSchema.parse(draft)))).toEqual([]);
  });
});
