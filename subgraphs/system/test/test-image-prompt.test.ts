// What Thinker → Image testing sends to the image model: the account's image prompt wrapped
// around the person's words, and the input rules the job checks first.
import { describe, expect, it } from 'vitest';
import { PROMPT_CATALOG } from '../src/domain/prompts-catalog.js';
import { imagePromptFor, summarizeTestImage, testImageInputSchema } from '../src/domain/test-images.js';

const input = (fields: Record<string, unknown>) => testImageInputSchema.parse(fields);

describe('test image prompt', () => {
  it('fills the default image prompt with the words, the style, and the words as the title', () => {
    const { prompt, style } = imagePromptFor(
      PROMPT_CATALOG.image.defaultText,
      input({ prompt: 'A red bicycle', style: 'watercolour' }),
    );
    expect(prompt).toMatch(
      /^A red bicycle\n\nStyle: watercolour\. Made for a featured image of an article titled "A red bicycle"\./,
    );
    expect(prompt).not.toContain('{{');
    // The text already says the style: the provider must not add it a second time.
    expect(style).toBeUndefined();
  });

  it('says any style suits when none is given, instead of an empty "Style:"', () => {
    const { prompt } = imagePromptFor(PROMPT_CATALOG.image.defaultText, input({ prompt: 'A red bicycle' }));
    expect(prompt).toContain('Style: whatever suits the subject best.');
  });

  it("uses the account's own text, and leaves the style to the provider when the text has no place for it", () => {
    expect(
      imagePromptFor('Oil painting of {{ image_prompt }}.', input({ prompt: 'a harbour', style: 'moody' })),
    ).toEqual({
      prompt: 'Oil painting of a harbour.',
      style: 'moody',
    });
  });

  it('sends the words as they are when the text cannot carry them', () => {
    expect(imagePromptFor('A fixed scene with no variables', input({ prompt: 'a harbour' }))).toEqual({
      prompt: 'a harbour',
    });
  });

  it('defaults the size, trims the words, and drops an empty style', () => {
    expect(input({ prompt: '  a harbour  ', style: '  ' })).toEqual({ prompt: 'a harbour', size: '1024x1024' });
    expect(input({ prompt: 'a harbour', size: null, style: null })).toEqual({ prompt: 'a harbour', size: '1024x1024' });
  });

  it('refuses what the image model cannot take, naming the rule', () => {
    const issues = (fields: Record<string, unknown>) =>
      testImageInputSchema.safeParse(fields).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ prompt: '  ab ' })).toEqual(['prompt: must be at least 3 characters']);
    expect(issues({ prompt: 'a harbour', size: '640x480' })).toEqual([
      'size: must be one of 256x256, 512x512, 1024x1024, 1024x1792, 1792x1024',
    ]);
    expect(issues({})).toEqual(['prompt: is required']);
  });

  it('summarises a request for the jobs list', () => {
    expect(summarizeTestImage(input({ prompt: 'A red bicycle', size: '512x512' }))).toBe(
      '512×512 test image: A red bicycle',
    );
    expect(summarizeTestImage(input({ prompt: 'x'.repeat(80) }))).toBe(`1024×1024 test image: ${'x'.repeat(59)}…`);
  });
});
