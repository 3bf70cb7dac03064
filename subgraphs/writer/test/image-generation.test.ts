import { createFileUrlSigner, placeholderPng, pngSize } from '@igny8/lib';
import { describe, expect, it } from 'vitest';
import {
  hashedFileKey,
  offlineImagePrompts,
  placeImages,
  promptsOf,
  signImageLinks,
  unsignImageLinks,
} from '../src/domain/image-generation.js';

const ACCOUNT = '01234567-89ab-cdef-0123-456789abcdef';
const OTHER = 'fedcba98-7654-3210-fedc-ba9876543210';
const KEY = `${'a'.repeat(8)}-${'b'.repeat(4)}-${'c'.repeat(4)}-${'d'.repeat(4)}-${'e'.repeat(12)}.png`;
const HTML = '<p>Intro</p><h2>First</h2><p>One</p><h2>Second</h2><p>Two</p><h2>Third</h2><p>Three</p>';

describe('article images', () => {
  it('draws offline prompts from the title and the H2s in order', () => {
    const answer = offlineImagePrompts({ title: 'Puppy sit', html: HTML, primaryKeyword: 'puppy sit' }, 2);
    expect(answer.featured.prompt).toContain('Puppy sit');
    expect(answer.in_article.map((i) => i.after_heading)).toEqual(['First', 'Second']);
  });

  it('places each prompt at the H2 it names, the next free one otherwise, never past the last H2', () => {
    const rows = promptsOf(
      {
        featured: { prompt: 'f', alt: 'f' },
        in_article: [
          { after_heading: 'third', prompt: 'a', alt: 'a', caption: '' },
          { after_heading: 'Nowhere', prompt: 'b', alt: 'b', caption: '' },
          { after_heading: 'Third', prompt: 'c', alt: 'c', caption: '' },
          { after_heading: '', prompt: 'd', alt: 'd', caption: '' },
        ],
      },
      HTML,
      6,
    );
    // Three H2s: three in-article images at most; 'c' names a taken H2 and finds none free after it.
    expect(rows.map((r) => [r.kind, r.position, r.prompt])).toEqual([
      ['featured', 0, 'f'],
      ['in_article', 3, 'a'],
      ['in_article', 2, 'b'],
    ]);
  });

  it('puts in-article image N after the N-th H2, once, escaping its words', () => {
    const placed = [{ id: '1', position: 2, fileKey: KEY, altText: 'A "dog" & a ball', caption: 'Play <time>' }];
    const html = placeImages(HTML, ACCOUNT, placed);
    expect(html).toBe(
      `<p>Intro</p><h2>First</h2><p>One</p><h2>Second</h2><figure><img src="/files/writer/${ACCOUNT}/${KEY}" alt="A &quot;dog&quot; &amp; a ball" loading="lazy"><figcaption>Play &lt;time&gt;</figcaption></figure><p>Two</p><h2>Third</h2><p>Three</p>`,
    );
    expect(placeImages(html, ACCOUNT, placed)).toBe(html);
    expect(placeImages(html, ACCOUNT, [])).toBe(HTML);
  });

  it('signs only the account’s own links on read and strips signatures on save', () => {
    const urls = createFileUrlSigner(Buffer.from('secret'), { publicPrefix: '/files/writer' });
    const html = `<img src="/files/writer/${ACCOUNT}/${KEY}"><img src="/files/writer/${OTHER}/${KEY}">`;
    const signed = signImageLinks(html, ACCOUNT, urls);
    expect(signed).toMatch(new RegExp(`${ACCOUNT}/${KEY}\\?expires=\\d+&amp;signature=[\\w-]+"`));
    expect(signed).toContain(`<img src="/files/writer/${OTHER}/${KEY}">`);
    expect(unsignImageLinks(signed)).toBe(html);
  });

  it('keys a file by its content hash', () => {
    const png = placeholderPng(64, 32, 7);
    expect(pngSize(png)).toEqual({ width: 64, height: 32 });
    expect(hashedFileKey(png, 'image/png')).toBe(hashedFileKey(Buffer.from(png), 'image/png'));
    expect(hashedFileKey(png, 'image/png')).not.toBe(hashedFileKey(placeholderPng(64, 32, 8), 'image/png'));
    expect(hashedFileKey(png, 'image/png')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.png$/,
    );
  });
});
