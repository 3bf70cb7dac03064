import { describe, expect, it } from 'vitest';
import {
  ARTICLE_RULES,
  type ArticleBrief,
  type ArticleRule,
  type CheckableArticle,
  checkArticle,
  countWords,
  htmlToText,
  offlineArticle,
  type RenderedArticle,
  renderArticle,
} from '../src/domain/article/index.js';
import { brief } from './article-fixtures.js';

const subject = brief({ contentStructure: 'comparison' });
const good: RenderedArticle = renderArticle(subject, offlineArticle(subject));

const replaceSection = (html: string, heading: string, next: string) =>
  html.replace(new RegExp(`<h2>${heading}</h2>[\\s\\S]*?(?=<h2>)`), next);

// Each rule broken on its own: the article change, the brief (when it differs) and the message.
const broken: {
  rule: ArticleRule;
  change: (a: RenderedArticle) => Partial<CheckableArticle>;
  brief?: Partial<ArticleBrief> | ((changed: CheckableArticle) => Partial<ArticleBrief>);
  message: RegExp;
}[] = [
  { rule: 'title', change: () => ({ title: ' ' }), message: /has no title/ },
  {
    rule: 'single_h1',
    change: (a) => ({ html: `<h1>Dog training</h1>${a.html}` }),
    message: /1 H1 heading\(s\); the title is the only H1/,
  },
  {
    rule: 'sections',
    change: (a) => ({
      html: replaceSection(replaceSection(a.html, 'When to get professional help', ''), 'Fix common problems', ''),
    }),
    brief: (a) => ({ outline: subject.outline.slice(0, 3), targetWords: countWords(htmlToText(a.html)) }),
    message: /has 3 H2 section\(s\) besides the FAQ and conclusion; it needs 4 to 10/,
  },
  {
    rule: 'outline',
    change: (a) => ({ html: a.html.replace('<h2>Teach the basic commands</h2>', '<h2>Commands to learn first</h2>') }),
    message: /The outline section “Teach the basic commands” has no H2/,
  },
  {
    rule: 'outline_subsections',
    change: (a) => ({ html: a.html.replace('<h3>Evening sessions</h3>', '<h4>Evening sessions</h4>') }),
    message: /The outline point “Evening sessions” needs an H3 under “Set up a routine”/,
  },
  {
    rule: 'paragraph_length',
    change: (a) => ({ html: a.html.replace('</p>', `${' and then some more words'.repeat(25)}</p>`) }),
    message: /A paragraph has \d+ words .*split it into paragraphs of at most 120/,
  },
  {
    rule: 'list',
    change: (a) => ({ html: a.html.replace(/<[ou]l>[\s\S]*?<\/[ou]l>/g, '') }),
    message: /at least one bulleted or numbered list/,
  },
  {
    rule: 'table',
    change: (a) => ({ html: a.html.replace(/<table>[\s\S]*?<\/table>/g, '') }),
    message: /A comparison needs a table with a header row and at least two rows/,
  },
  {
    rule: 'faq',
    change: (a) => ({ html: a.html.replace(/<h3>How long[\s\S]*?<\/p>\n<h3>Do I need[\s\S]*?<\/p>/, '') }),
    message: /The FAQ has 2 question\(s\); it needs 3 to 5/,
  },
  {
    rule: 'conclusion',
    change: (a) => ({ html: a.html.replace(/<h2>Final thoughts[\s\S]*$/, '') }),
    message: /must end with a conclusion/,
  },
  {
    rule: 'word_count',
    change: (a) => a,
    brief: { targetWords: 2000 },
    message: /The article has \d+ words; the target is 2000, so it needs 1700 to 2300/,
  },
  {
    rule: 'keyword_title',
    change: () => ({ title: 'Teaching your puppy good manners' }),
    message: /The title does not contain “dog training”/,
  },
  {
    rule: 'keyword_intro',
    change: (a) => ({
      html: a.html.replace(
        /^[\s\S]*?(?=<h2>)/,
        `<p>${'Puppies learn fast when sessions are short and fun. '.repeat(12)}</p><p>We look at puppy classes and clicker training.</p>`,
      ),
    }),
    message: /The primary keyword “dog training” is not in the first 100 words/,
  },
  {
    rule: 'keyword_heading',
    change: (a) => ({ html: a.html.replace('<h2>Why dog training matters</h2>', '<h2>Why it matters</h2>') }),
    brief: { outline: subject.outline.slice(1) },
    message: /No H2 heading contains the primary keyword “dog training”/,
  },
  {
    rule: 'keyword_slug',
    change: () => ({ slug: 'puppy-manners' }),
    message: /The slug “puppy-manners” does not contain “dog-training”/,
  },
  {
    rule: 'keyword_meta_description',
    change: () => ({
      metaDescription:
        'Short sessions, clear rewards and patience: a practical plan for teaching your puppy good manners at home, with answers to common questions.',
    }),
    message: /The meta description does not contain “dog training”/,
  },
  {
    rule: 'meta_title',
    change: () => ({ metaTitle: 'Dog training: a practical guide for new owners who want calm dogs' }),
    message: /The meta title has 65 characters; shorten it to 60 or fewer/,
  },
  {
    rule: 'meta_description',
    change: () => ({ metaDescription: 'Dog training made simple.' }),
    message: /The meta description has 25 characters; it needs 120 to 160/,
  },
  {
    rule: 'slug',
    change: () => ({ slug: 'dog-training--Tips' }),
    message: /The slug “dog-training--Tips” must be lowercase letters and digits joined by hyphens/,
  },
  {
    rule: 'secondary_keywords',
    change: (a) => a,
    brief: { secondaryKeywords: ['puppy classes', 'agility courses'] },
    message: /The secondary keyword\(s\) “agility courses” are not used in the body/,
  },
  {
    rule: 'schema_markup',
    change: (a) => ({ schemaMarkup: a.schemaMarkup.slice(0, 1) }),
    message: /has an FAQ but its schema.org markup has no FAQPage/,
  },
];

describe('the article rules', () => {
  it('accept an article that meets them all', () => {
    expect(checkArticle(subject, good)).toEqual([]);
  });

  it('cover every rule with a broken case', () => {
    expect(new Set(broken.map((entry) => entry.rule))).toEqual(new Set(ARTICLE_RULES));
  });

  for (const { rule, change, brief: briefChange, message } of broken) {
    it(`report ${rule} alone, saying what to fix`, () => {
      const article = { ...good, ...change(good) };
      const briefChanges = typeof briefChange === 'function' ? briefChange(article) : briefChange;
      const violations = checkArticle({ ...subject, ...briefChanges }, article);
      expect(
        violations.map((violation) => violation.rule),
        JSON.stringify(violations),
      ).toEqual([rule]);
      expect(violations[0]!.message).toMatch(message);
    });
  }

  it('accept a reworded outline heading that keeps its words', () => {
    const html = good.html.replace('<h2>Teach the basic commands</h2>', '<h2>Step 3: teach the basic commands</h2>');
    expect(checkArticle(subject, { ...good, html })).toEqual([]);
  });

  it('need no table for structures that do not call for one', () => {
    const html = good.html.replace(/<table>[\s\S]*?<\/table>/g, '');
    expect(checkArticle({ ...subject, contentStructure: 'guide' }, { ...good, html })).toEqual([]);
  });
});
