import { describe, expect, it } from 'vitest';
import { countWords, hasKeyword, htmlToText, keywordUses, slugify } from '../src/domain/article/index.js';
import { trimAtWord } from '../src/domain/article/text.js';

describe('article text helpers', () => {
  it('counts words with inner apostrophes, hyphens and decimals as one', () => {
    expect(countWords("Don't over-feed a 2.5 kg puppy — it's 100% avoidable.")).toBe(9);
    expect(countWords('')).toBe(0);
  });

  it('finds a keyword whatever its case, spacing or plural', () => {
    expect(keywordUses('Dog Training works. Dog  trainings vary. dog-training?', 'dog training')).toBe(2);
    expect(hasKeyword('Enrol in puppy classes early', 'puppy class')).toBe(true);
    expect(hasKeyword('Compare the best puppies', 'best puppy')).toBe(true);
    expect(hasKeyword('Pack the boxes', 'box')).toBe(true);
    expect(hasKeyword('hotdog training', 'dog training')).toBe(false);
    expect(keywordUses('anything', '  ')).toBe(0);
  });

  it('makes slugs of ASCII words and hyphens, cut at a word', () => {
    expect(slugify('Crème Brûlée & Café Tips!')).toBe('creme-brulee-and-cafe-tips');
    expect(slugify("Dog's  best   friend")).toBe('dogs-best-friend');
    expect(slugify('one two three four', 12)).toBe('one-two');
  });

  it('cuts text at a word without a dangling word or separator', () => {
    expect(trimAtWord('Dog training: a practical guide for new owners and their families', 45)).toBe(
      'Dog training: a practical guide for new',
    );
    expect(trimAtWord('Short one', 60)).toBe('Short one');
    expect(trimAtWord('Training tips for puppies, dogs and the people who love them', 40, '…')).toBe(
      'Training tips for puppies, dogs…',
    );
  });

  it('keeps words apart across line breaks and nested blocks', () => {
    expect(htmlToText('<p>line<br>break</p><ul><li><p>a</p><p>b</p></li></ul>')).toBe('line\n\nbreak\n\na\n\nb');
    expect(countWords(htmlToText('<p>line<br>break</p>'))).toBe(2);
  });

  it('reads HTML as text: entities decoded, blocks on their own lines, scripts and comments skipped', () => {
    expect(
      htmlToText(
        '<h2>A &amp; B</h2><p>x&nbsp;y &#8212; &#x27;z&#x27;</p><!-- note --><script>s()</script><ul><li>one</li><li>two</li></ul>',
      ),
    ).toBe("A & B\n\nx y — 'z'\n\none\n\ntwo");
  });
});
