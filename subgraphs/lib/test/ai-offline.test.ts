// The offline provider: the default, so the product and its tests run with no network. Its answers
// must be the same every time, valid for the caller, and plainly placeholders.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AiOutputError,
  aiConfigSchema,
  aiSettingsFromConfig,
  createAiProvider,
  OfflineProvider,
} from '../src/ai/index.js';
import { loadConfig } from '../src/config.js';

const ai = new OfflineProvider();
const question = (content: string) => [
  { role: 'system' as const, content: 'You are an SEO editor.' },
  { role: 'user' as const, content },
];

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

describe('offline provider', () => {
  it('is the provider configured when nothing says otherwise', () => {
    const provider = createAiProvider(aiSettingsFromConfig(loadConfig(aiConfigSchema, {})));
    expect(provider.name).toBe('offline');
  });

  describe('chat', () => {
    it('answers the same request with the same text, which quotes it and says it is a placeholder', async () => {
      const first = await ai.chat({ messages: question('Write an intro about trail running shoes') });
      const again = await ai.chat({ messages: question('Write an intro about trail running shoes') });
      expect(again).toEqual(first);
      expect(first.text).toMatch(
        /^\[Offline AI placeholder [0-9a-f]{8}\] You asked: "Write an intro about trail running shoes"\./,
      );
      expect(first.text).toContain('AI_PROVIDER=openai');
      expect(first.model).toBe('offline-chat');
    });

    it('answers different requests differently', async () => {
      const a = await ai.chat({ messages: question('trail running shoes') });
      const b = await ai.chat({ messages: question('road running shoes') });
      expect(a.text).not.toBe(b.text);
    });

    it('counts about four characters a token', async () => {
      const messages = question('x'.repeat(40));
      const result = await ai.chat({ messages });
      expect(result.usage).toEqual({
        inputTokens: Math.ceil('You are an SEO editor.'.length / 4) + 10,
        outputTokens: Math.ceil(result.text.length / 4),
      });
    });

    it('keeps within maxTokens', async () => {
      const result = await ai.chat({ messages: question('a long essay on shoes'), maxTokens: 5 });
      expect(result.text.length).toBeLessThanOrEqual(20);
    });

    it('refuses a cancelled request', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(ai.chat({ messages: question('hi'), signal: controller.signal })).rejects.toMatchObject({
        code: 'AI_CANCELLED',
      });
    });
  });

  describe('chatJson', () => {
    const Names = z.object({ names: z.array(z.string().min(1)).min(1) });

    it('answers with the caller’s offline generator, given the messages', async () => {
      const messages = question('Name the cluster: trail shoes, trail runners');
      const result = await ai.chatJson({
        messages,
        schema: Names,
        schemaName: 'ClusterNames',
        offline: (asked) => ({ names: [asked.at(-1)!.content.split(': ')[1]!.split(',')[0]!] }),
      });
      expect(result.value).toEqual({ names: ['trail shoes'] });
      expect(result.usage.outputTokens).toBe(Math.ceil(JSON.stringify(result.value).length / 4));
    });

    it('holds the generator’s answer to the schema too, naming what is wrong', async () => {
      const error = await ai
        .chatJson({
          messages: question('x'),
          schema: Names,
          schemaName: 'ClusterNames',
          offline: () => ({ names: [''] }),
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AiOutputError);
      expect((error as Error).message).toMatch(
        /^The offline generator’s answer did not match ClusterNames: names\[0\]: /,
      );
    });

    it('explains that it cannot answer a request without a generator', async () => {
      const error = await ai
        .chatJson({ messages: question('x'), schema: Names, schemaName: 'ClusterNames' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AiOutputError);
      expect(error).toMatchObject({ retryable: false });
      expect((error as Error).message).toMatch(
        /^The offline AI provider cannot answer a "ClusterNames" request: .* Set AI_PROVIDER=openai to use a real model\.$/,
      );
    });
  });

  describe('embeddings', () => {
    it('gives the same text the same unit-length vector', async () => {
      const { vectors } = await ai.embed({
        input: ['trail running shoes', 'trail running shoes', 'Trail Running Shoes!'],
      });
      expect(vectors[1]).toEqual(vectors[0]);
      expect(vectors[2]).toEqual(vectors[0]);
      expect(cosine(vectors[0]!, vectors[0]!)).toBeCloseTo(1, 10);
    });

    it('places similar keywords closer than unrelated ones', async () => {
      const { vectors } = await ai.embed({
        input: ['running shoes for women', "women's running shoe", 'chocolate cake recipe'],
      });
      const [shoes, similar, cake] = vectors as [number[], number[], number[]];
      expect(cosine(shoes, similar)).toBeGreaterThan(0.6);
      expect(cosine(shoes, cake)).toBeLessThan(0.2);
    });

    it('makes each keyword’s nearest neighbour one of its own topic', async () => {
      const topics = [
        ['buy running shoes', 'running shoes sale', 'best running shoe'],
        ['chocolate cake recipe', 'easy chocolate cake', 'recipe for chocolate cakes'],
        ['seo audit tool', 'free seo audit', 'seo audit checklist'],
        ['hotels in paris', 'cheap paris hotel', 'paris hotels near louvre'],
      ];
      const keywords = topics.flat();
      const { vectors } = await ai.embed({ input: keywords });
      const topicOf = (i: number) => Math.floor(i / 3);
      for (let i = 0; i < keywords.length; i++) {
        let nearest = -1;
        for (let j = 0; j < keywords.length; j++) {
          if (j !== i && (nearest < 0 || cosine(vectors[i]!, vectors[j]!) > cosine(vectors[i]!, vectors[nearest]!)))
            nearest = j;
        }
        expect({ keyword: keywords[i], nearest: topicOf(nearest) }).toEqual({
          keyword: keywords[i],
          nearest: topicOf(i),
        });
      }
    });

    it('counts the input tokens', async () => {
      const result = await ai.embed({ input: ['abcde', 'abc'] });
      expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 0 });
      expect(result.vectors).toHaveLength(2);
    });
  });

  describe('images', () => {
    const svgOf = async (prompt: string, size: '512x512' | '1792x1024' = '512x512') => {
      const result = await ai.image({ prompt, size });
      return { ...result, svg: result.data.toString('utf8') };
    };

    it('draws the prompt on an SVG of the requested size, the same every time', async () => {
      const image = await svgOf('A trail runner at dawn', '1792x1024');
      expect(image.mimeType).toBe('image/svg+xml');
      expect(image.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1792" height="1024"/);
      expect(image.svg).toContain('>A trail runner at dawn</tspan>');
      expect(image.svg).toContain('Offline placeholder image');
      expect((await svgOf('A trail runner at dawn', '1792x1024')).data.equals(image.data)).toBe(true);
    });

    it('colours the background by prompt', async () => {
      const fill = (svg: string) => /<rect [^>]*fill="([^"]+)"/.exec(svg)?.[1];
      const a = fill((await svgOf('A trail runner at dawn')).svg);
      const b = fill((await svgOf('A road runner at noon')).svg);
      expect(a).toMatch(/^hsl\(\d+ 45% 30%\)$/);
      expect(a).not.toBe(b);
    });

    it('escapes markup in the prompt so it cannot run as script', async () => {
      const { svg } = await svgOf('<script>alert("x")</script> & <b onload=\'x\'>');
      expect(svg).not.toMatch(/<script|<b |alert\("/);
      expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onload=&apos;x&apos;&gt;');
      // Every tag left is one the placeholder itself writes.
      expect(new Set(svg.match(/<\/?([a-z]+)/g))).toEqual(
        new Set(['<svg', '<rect', '<text', '<tspan', '</tspan', '</text', '</svg']),
      );
    });

    it('wraps a long prompt into lines that fit and cuts it short with an ellipsis', async () => {
      const { svg } = await svgOf(`${'word '.repeat(400)}end`, '512x512');
      const lines = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!);
      // 400 words on one line would run far off a 512-pixel image; a dozen short lines fit on it.
      expect(lines.length).toBeGreaterThan(3);
      expect(lines.length).toBeLessThan(12);
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(30);
      expect(lines.at(-1)).toMatch(/…$/);
    });
  });
});
