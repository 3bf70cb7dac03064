// Images for an article: the prompts drawn from it (the Thinker's Image prompt, or the offline
// art director working from its H2s), the jobs' inputs and prices, where each file is stored (one
// file per content hash), and where the images go in the article's HTML.
import { createHash } from 'node:crypto';
import { type FileUrlSigner, fillPromptText, variablesIn } from '@igny8/lib';
import { z } from 'zod';
import type { ImagePrompt } from '../store/images.js';
import { htmlToText } from './article/index.js';

export const GENERATE_IMAGE_PROMPTS_JOB = 'writer.generate-image-prompts';
export const GENERATE_IMAGES_JOB = 'writer.generate-images';
export const IMAGE_PROMPT_OPERATION = 'image_prompt_extraction';
export const IMAGE_GENERATION_OPERATION = 'image_generation';
/** The billing catalogue's prices (credits per article, per image): what a partly done job is charged. */
export const IMAGE_PROMPT_CREDITS = 2;
export const IMAGE_CREDITS = 5;
/** In-article images per article when the request names no number. */
export const DEFAULT_IN_ARTICLE_IMAGES = 2;
export const MAX_IN_ARTICLE_IMAGES = 6;
export const MAX_CONTENTS_PER_IMAGE_JOB = 50;
export const MAX_IMAGES_PER_JOB = 200;
/** Featured images are wide, in-article ones square: sizes every image model offers. */
export const IMAGE_SIZES = { featured: '1792x1024', in_article: '1024x1024' } as const;
/** The article text the prompt sees: enough to know every section, bounded for the model's window. */
const CONTENT_CHARS = 12_000;

export const generateImagePromptsInputSchema = z.object({
  contentIds: z.array(z.string().uuid()).min(1).max(MAX_CONTENTS_PER_IMAGE_JOB),
  inArticleCount: z.number().int().min(0).max(MAX_IN_ARTICLE_IMAGES).default(DEFAULT_IN_ARTICLE_IMAGES),
  placeName: z.string().default(''),
});
export type GenerateImagePromptsInput = z.infer<typeof generateImagePromptsInputSchema>;
export interface GenerateImagePromptsResult {
  imageIds: string[];
  failed: { contentId: string; title: string; reason: string }[];
}

export const generateImagesInputSchema = z.object({
  imageIds: z.array(z.string().uuid()).min(1).max(MAX_IMAGES_PER_JOB),
  placeName: z.string().default(''),
});
export type GenerateImagesInput = z.infer<typeof generateImagesInputSchema>;
export interface GenerateImagesResult {
  imageIds: string[];
  failed: { imageId: string; reason: string }[];
}

const text = (max: number) => z.string().trim().min(1).max(max);

/** The answer the Image prompt asks for (prompts-catalog.ts, `image_prompt`). */
export const imagePromptsAnswerSchema = z.object({
  featured: z.object({ prompt: text(2_000), alt: text(300) }),
  in_article: z
    .array(
      z.object({
        after_heading: z.string().trim().max(300).default(''),
        prompt: text(2_000),
        alt: text(300),
        caption: z.string().trim().max(300).default(''),
      }),
    )
    .max(MAX_IN_ARTICLE_IMAGES),
});
export type ImagePromptsAnswer = z.infer<typeof imagePromptsAnswerSchema>;

export interface ArticleForImages {
  title: string;
  html: string;
  primaryKeyword: string;
}

const decode = (s: string) => htmlToText(s).replace(/\s+/g, ' ').trim();

/** The article's H2 headings, in order. */
export function h2Headings(html: string): string[] {
  return [...html.matchAll(/<h2\b[^>]*>([\s\S]*?)<\/h2>/gi)].map((m) => decode(m[1]!));
}

/** The Image prompt's variables. */
export function imagePromptVariables(
  article: ArticleForImages,
  count: number,
  style: string | null,
): Record<string, string> {
  return {
    title: article.title,
    content: htmlToText(article.html).slice(0, CONTENT_CHARS),
    image_count: String(count),
    image_style: style ?? 'photorealistic',
  };
}

/** The offline art director: the featured image from the title, one in-article image per H2 in turn. */
export function offlineImagePrompts(article: ArticleForImages, count: number): ImagePromptsAnswer {
  const headings = h2Headings(article.html);
  const topic = article.primaryKeyword || article.title;
  return {
    featured: {
      prompt: `A wide, inviting scene that sums up “${article.title}”: ${topic} in natural light, clear focal point, no text.`,
      alt: `${topic}: ${article.title}`.slice(0, 125),
    },
    in_article: headings.slice(0, count).map((heading) => ({
      after_heading: heading,
      prompt: `An illustration of “${heading}” for an article about ${topic}: one clear subject, soft daylight, no text.`,
      alt: `${heading} (${topic})`.slice(0, 125),
      caption: heading,
    })),
  };
}

/**
 * The answer as rows: the featured image at 0, in-article image N at the position of the H2 it
 * follows (the N-th H2 when the heading named is not found), at most `count` and one per H2.
 */
export function promptsOf(answer: ImagePromptsAnswer, html: string, count: number): ImagePrompt[] {
  const headings = h2Headings(html).map((h) => h.toLowerCase());
  const used = new Set<number>();
  const rows: ImagePrompt[] = [
    { kind: 'featured', position: 0, prompt: answer.featured.prompt, altText: answer.featured.alt, caption: '' },
  ];
  for (const [n, image] of answer.in_article.slice(0, Math.min(count, headings.length)).entries()) {
    const named = headings.indexOf(image.after_heading.toLowerCase());
    let at = named >= 0 && !used.has(named + 1) ? named + 1 : n + 1;
    while (used.has(at)) at++;
    if (at > headings.length) break;
    used.add(at);
    rows.push({ kind: 'in_article', position: at, prompt: image.prompt, altText: image.alt, caption: image.caption });
  }
  return rows;
}

/**
 * The text for the image model: the account's Image prompt with this image's prompt as its
 * `{{image_prompt}}`; a template without that placeholder could not carry it, so it goes as it is.
 * `style` is what the provider must add itself, when the text does not carry the account's style.
 */
export function imageModelPrompt(
  template: string,
  image: { prompt: string; kind: ImagePrompt['kind'] },
  title: string,
  style: string | null = null,
): { prompt: string; style?: string } {
  const used = new Set(variablesIn(template));
  const extra = style && !used.has('image_style') ? { style } : {};
  if (!used.has('image_prompt')) return { prompt: image.prompt, ...extra };
  const prompt = fillPromptText(template, {
    image_prompt: image.prompt,
    image_style: style ?? 'whatever suits the subject best',
    image_type: image.kind === 'featured' ? 'featured' : 'in-article',
    title,
  }).trim();
  return { prompt, ...extra };
}

/** The stored file's key: its content hash shaped as the storage's `<uuid>.<ext>`, so equal bytes share one file. */
export function hashedFileKey(data: Buffer, mimeType: string): string {
  const h = createHash('sha256').update(data).digest('hex');
  const ext = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' }[mimeType];
  if (!ext) throw new Error(`Images of type ${mimeType} are not stored.`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}.${ext}`;
}

// Links in stored HTML are stable paths (`/files/writer/<account>/<key>`, no expiry); each read of
// the article signs them afresh, and a save takes the signature off again.
const STABLE_LINK = (accountId: string) =>
  new RegExp(`(src=")(/files/writer/${accountId}/([0-9a-f-]{36}\\.(?:png|jpg|webp)))(?:\\?[^"]*)?(")`, 'g');
const ANY_SIGNED_LINK = /(src="\/files\/writer\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.(?:png|jpg|webp))\?[^"]*(")/g;

export const stableImagePath = (accountId: string, key: string) => `/files/writer/${accountId}/${key}`;

/** The HTML with each of the account's image links signed for now (browsers send no token with <img>). */
export function signImageLinks(html: string, accountId: string, urls: FileUrlSigner): string {
  if (!html.includes('/files/writer/')) return html;
  return html.replace(
    STABLE_LINK(accountId),
    (_all, open: string, _path: string, key: string, close: string) =>
      `${open}${urls.url(accountId, key).replaceAll('&', '&amp;')}${close}`,
  );
}

/** The HTML as it is stored: image links without their (expiring) signatures. */
export const unsignImageLinks = (html: string) => html.replace(ANY_SIGNED_LINK, '$1$2');

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export interface PlacedImage {
  id: string;
  position: number;
  fileKey: string;
  altText: string;
  caption: string;
}

/**
 * The article's HTML with its in-article images in place: each one a `<figure>` right after the
 * H2 of its position; figures placed before (our links) are taken out first, so placing again
 * after a regeneration moves nothing twice.
 */
export function placeImages(html: string, accountId: string, placed: readonly PlacedImage[]): string {
  const ours = new RegExp(`<figure>\\s*<img[^>]*src="/files/writer/${accountId}/[^"]*"[^>]*>[\\s\\S]*?</figure>`, 'g');
  const clean = html.replace(ours, '');
  const byPosition = new Map(placed.map((image) => [image.position, image]));
  let n = 0;
  return clean.replace(/<\/h2>/gi, (close) => {
    n++;
    const image = byPosition.get(n);
    if (!image) return close;
    const caption = image.caption ? `<figcaption>${escapeHtml(image.caption)}</figcaption>` : '';
    return `${close}<figure><img src="${stableImagePath(accountId, image.fileKey)}" alt="${escapeHtml(image.altText)}" loading="lazy">${caption}</figure>`;
  });
}
