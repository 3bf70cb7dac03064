import { describe, expect, it } from 'vitest';
import { articleStats, editorChecks, fleschReadingEase, syllables } from '../src/domain/article/index.js';

// Sentences with published Flesch reading ease scores, and the tolerance our syllable heuristic meets.
const PUBLISHED: { source: string; text: string; score: number; tolerance: number }[] = [
  {
    source: 'Wikipedia, Flesch–Kincaid readability tests',
    text: 'The cat sat on the mat.',
    score: 116,
    tolerance: 0.5,
  },
  {
    source: 'Wikipedia, Flesch–Kincaid readability tests',
    text: 'The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.',
    score: 37.5,
    tolerance: 1,
  },
  {
    source: 'Outlook India, "Computer verdicts on different genres of writing" (Borges, The Circular Ruins)',
    text: 'No one saw him disembark in the unanimous night, no one saw the bamboo canoe sinking into the sacred mud, but within a few days no one was unaware that the silent man came from the South and that his home was one of the infinite villages upstream, on the violent mountainside, where the Zend tongue is not contaminated with Greek and where leprosy is infrequent. The truth is that the obscure man kissed the mud, came up the bank without pushing aside (probably without feeling) the brambles which dilacerated his flesh, and dragged himself, nauseous and bloodstained, to the circular enclosure crowned by a stone tiger or horse, which once was the colour of fire and now was that of ashes. This circle was a temple, long ago devoured by fire, which the malarial jungle had profaned and whose god no longer received the homage of men.',
    score: 33.8,
    tolerance: 6,
  },
  {
    source: 'robot_guy blog, 2010 (Heinlein, "Specialization is for insects")',
    text: 'A human being should be able to change a diaper, plan an invasion, butcher a hog, conn a ship, design a building, write a sonnet, balance accounts, build a wall, set a bone, comfort the dying, take orders, give orders, cooperate, act alone, solve equations, analyze a new problem, pitch manure, program a computer, cook a tasty meal, fight efficiently, die gallantly. Specialization is for insects.',
    score: 36,
    tolerance: 6,
  },
];

describe('Flesch reading ease', () => {
  for (const { source, text, score, tolerance } of PUBLISHED) {
    it(`scores "${text.slice(0, 40)}…" near the published ${score} (${source})`, () => {
      const measured = fleschReadingEase(text).score;
      console.log(`${score} published, ${measured} measured: ${text.slice(0, 40)}`);
      expect(Math.abs(measured - score)).toBeLessThanOrEqual(tolerance);
    });
  }

  it('counts syllables of common words as a dictionary does', () => {
    const expected: Record<string, number> = {
      cat: 1,
      make: 1,
      jumped: 1,
      hopes: 1,
      table: 2,
      little: 2,
      reading: 2,
      seemingly: 3,
      creature: 2,
      platypus: 3,
      readability: 5,
      people: 2,
      beautiful: 3,
      simple: 2,
      training: 2,
      the: 1,
    };
    for (const [word, count] of Object.entries(expected)) expect(syllables(word), word).toBe(count);
  });

  it('scores nothing for an empty text', () => {
    expect(fleschReadingEase('').score).toBe(0);
  });
});

const html = [
  '<p>Dog training takes patience. Short sessions help.</p>',
  '<h2>Why dog training matters</h2><p>It keeps everyone safe. See <a href="/blog/puppies">our puppy guide</a>,',
  ' <a href="https://www.happypaws.example/tips">tips</a> and <a href="https://other.example/x">a study</a>.</p>',
  '<h3>At home</h3><p>Use <a href="mailto:a@example.com">mail</a> for questions.</p>',
  '<img src="/files/a.png" alt="A puppy sitting"><img src="/files/b.png" alt=" ">',
  '<h2>Clicker training</h2><ul><li>Click</li><li>Treat</li></ul>',
].join('');

describe('the editor’s live checks', () => {
  it('counts words, headings, links and images without alt text', () => {
    const stats = articleStats(html, ['happypaws.example']);
    expect(stats.wordCount).toBe(33);
    expect(stats.headings).toEqual([
      { level: 2, text: 'Why dog training matters' },
      { level: 3, text: 'At home' },
      { level: 2, text: 'Clicker training' },
    ]);
    expect([stats.h2Count, stats.h3Count]).toEqual([2, 1]);
    expect(stats.links).toEqual({ internal: 2, external: 1 });
    expect([stats.images, stats.imagesWithoutAlt]).toEqual([2, 1]);
    expect(stats.readingEase.score).toBeGreaterThan(50);
  });

  it('reports each check with the figure and what to do', () => {
    const result = editorChecks({
      html,
      title: 'Dog training for new owners',
      metaTitle: 'Dog training for new owners',
      metaDescription: 'Short.',
      primaryKeyword: 'dog training',
      secondaryKeywords: ['clicker training', 'agility'],
      targetWords: 1200,
      siteHosts: ['www.happypaws.example'],
    });
    expect(result.keywordUses).toEqual([
      { keyword: 'dog training', uses: 2 },
      { keyword: 'clicker training', uses: 1 },
      { keyword: 'agility', uses: 0 },
    ]);
    const byId = Object.fromEntries(result.checks.map((check) => [check.id, check]));
    expect(byId.word_count).toEqual({
      id: 'word_count',
      ok: false,
      message: '33 of 1200 words — aim for 1020 to 1380',
    });
    expect(byId.keyword_title!.ok).toBe(true);
    expect(byId.keyword_heading!.ok).toBe(true);
    expect(byId.headings).toEqual({ id: 'headings', ok: false, message: '2 H2, 1 H3 — use at least 4 H2 sections' });
    expect(byId.links).toEqual({ id: 'links', ok: true, message: '2 internal, 1 external link(s)' });
    expect(byId.image_alt).toEqual({ id: 'image_alt', ok: false, message: '1 of 2 image(s) have no alt text' });
    expect(byId.meta_title!.ok).toBe(true);
    expect(byId.meta_description).toEqual({
      id: 'meta_description',
      ok: false,
      message: 'Meta description 6 characters (120–160)',
    });
    expect(byId['secondary:agility']!.ok).toBe(false);
    expect(byId.readability!.message).toMatch(/^Flesch reading ease \d+/);
  });

  it('imports nothing Node-only, so the web editor can use it', async () => {
    const { readFileSync } = await import('node:fs');
    for (const file of [
      'editor-checks',
      'html-scan',
      'readability',
      'rules',
      'text',
      'headings',
      'similarity',
      'diff',
      'draft',
      'render',
      'fit',
      'offline',
      'repair',
      'browser',
    ]) {
      const source = readFileSync(new URL(`../src/domain/article/${file}.ts`, import.meta.url), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]!);
      for (const name of imports)
        expect(name, `${file}.ts imports ${name}`).toMatch(/^(\.\/(?!sanitize)|zod$|diff$|@igny8\/db\/writer$)/);
    }
  });
});
