// The Thinker through the REST compatibility layer: /api/v1/system/prompts/, author-profiles/ and
// strategies/ with the original envelope, snake_case names, lower-case enum values and statuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

const OVERRIDE = 'Describe {{image_prompt}} as a {{image_style}} picture.';

describe('gateway: REST /api/v1/system Thinker', () => {
  let p: Platform;
  let owner: Session;
  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p);
    await setPlan(p, owner.accountId, 'growth');
  });
  afterAll(() => p.close());

  describe('prompts', () => {
    it('lists every prompt type in the list envelope', async () => {
      const res = await p.rest('GET', '/system/prompts/', { token: owner.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ success: true, count: 7, next: null, previous: null });
      expect(res.body.results.map((r: { type: string }) => r.type)).toEqual([
        'clustering',
        'ideas',
        'content',
        'image_prompt',
        'image',
        'optimize',
        'linking',
      ]);
      const image = res.body.results.find((r: { type: string }) => r.type === 'image');
      expect(image).toMatchObject({
        prompt_type: 'image',
        is_customised: false,
        updated_at: null,
        variables: expect.arrayContaining([{ name: 'image_prompt', description: expect.any(String), required: true }]),
      });
      expect(image.text).toBe(image.default_text);
      expect(image.prompt_value).toBe(image.default_prompt);

      const paged = await p.rest('GET', '/system/prompts/?page=2&page_size=5', { token: owner.token });
      expect(paged.body.results.map((r: { type: string }) => r.type)).toEqual(['optimize', 'linking']);
      expect(paged.body.previous).toContain('page=1');
    });

    it('saves by type, marks the prompt customised, and resets it', async () => {
      const saved = await p.rest('PUT', '/system/prompts/image/', { token: owner.token, body: { text: OVERRIDE } });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        success: true,
        message: 'Prompt saved.',
        data: { type: 'image', text: OVERRIDE, is_customised: true, prompt_value: OVERRIDE },
      });
      expect(saved.body.data.updated_at).toEqual(expect.any(String));
      const read = await p.rest('GET', '/system/prompts/image/', { token: owner.token });
      expect(read.body.data).toMatchObject({ text: OVERRIDE, is_customised: true });

      const reset = await p.rest('POST', '/system/prompts/image/reset/', { token: owner.token });
      expect(reset.status).toBe(200);
      expect(reset.body.data).toMatchObject({ is_customised: false, updated_at: null });
      expect(reset.body.data.text).toBe(reset.body.data.default_text);
    });

    it("answers the original's by_type, save_prompt and reset_prompt actions", async () => {
      const saved = await p.rest('POST', '/system/prompts/save_prompt/', {
        token: owner.token,
        body: { prompt_type: 'optimize', prompt_value: 'Improve {{content}} for {{primary_keyword}}.' },
      });
      expect(saved.status).toBe(200);
      expect(saved.body.data).toMatchObject({ type: 'optimize', is_customised: true });
      const read = await p.rest('GET', '/system/prompts/by_type/optimize/', { token: owner.token });
      expect(read.status).toBe(200);
      expect(read.body.data).toMatchObject({ type: 'optimize', text: 'Improve {{content}} for {{primary_keyword}}.' });
      const reset = await p.rest('POST', '/system/prompts/reset_prompt/', {
        token: owner.token,
        body: { prompt_type: 'optimize' },
      });
      expect(reset.status).toBe(200);
      expect(reset.body.data).toMatchObject({ type: 'optimize', is_customised: false });
      expect((await p.rest('GET', '/system/prompts/by_type/haiku/', { token: owner.token })).status).toBe(404);
      const noType = await p.rest('POST', '/system/prompts/reset_prompt/', { token: owner.token, body: {} });
      expect(noType.status).toBe(400);
      expect(noType.body.errors).toEqual({ type: ['is required'] });
    });

    it("saves with the original API's field names on the collection", async () => {
      const saved = await p.rest('POST', '/system/prompts/', {
        token: owner.token,
        body: { prompt_type: 'image_prompt', prompt_value: 'Plan images for {{content}}.' },
      });
      expect(saved.status).toBe(200);
      expect(saved.body.data).toMatchObject({ type: 'image_prompt', is_customised: true });
      const refused = await p.rest('POST', '/system/prompts/', {
        token: owner.token,
        body: { prompt_type: 'image_prompt', prompt_value: 'Plan images for {{article}}.' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        success: false,
        error: expect.stringContaining('unknown variable {{article}}'),
        errors: {
          prompt_value: [
            expect.stringContaining('can use {{content}}, {{title}}'),
            expect.stringContaining('must use {{content}}'),
          ],
        },
      });
    });

    it('answers 404 for a prompt type that does not exist and 400 for a text it cannot use', async () => {
      const missing = await p.rest('GET', '/system/prompts/haiku/', { token: owner.token });
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ success: false, error: 'There is no prompt type "haiku".' });
      expect((await p.rest('POST', '/system/prompts/haiku/reset/', { token: owner.token })).status).toBe(404);

      const bad = await p.rest('PATCH', '/system/prompts/linking/', {
        token: owner.token,
        body: { text: 'Link {{content}} somewhere.' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.text).toEqual([expect.stringContaining('must use {{candidates}}')]);
    });
  });

  describe('author profiles', () => {
    it('creates, lists, retrieves, updates and deletes', async () => {
      const created = await p.rest('POST', '/system/author-profiles/', {
        token: owner.token,
        body: { name: 'Expert Emma', tone: 'Confident', sample_text: 'Here is how.', is_default: true },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        success: true,
        message: 'Author profile created.',
        data: { name: 'Expert Emma', tone: 'Confident', sample_text: 'Here is how.', is_default: true, style: '' },
      });
      const id = created.body.data.id;
      await p.rest('POST', '/system/author-profiles/', { token: owner.token, body: { name: 'Casual Carl' } });

      const list = await p.rest('GET', '/system/author-profiles/?ordering=-name&page_size=1', { token: owner.token });
      expect(list.body).toMatchObject({ success: true, count: 2, previous: null });
      expect(list.body.results.map((r: { name: string }) => r.name)).toEqual(['Expert Emma']);
      expect(list.body.next).toContain('page=2');
      const searched = await p.rest('GET', '/system/author-profiles/?search=casual', { token: owner.token });
      expect(searched.body.results.map((r: { name: string }) => r.name)).toEqual(['Casual Carl']);

      const patched = await p.rest('PATCH', `/system/author-profiles/${id}/`, {
        token: owner.token,
        body: { audience: 'Beginners' },
      });
      expect(patched.body.data).toMatchObject({ name: 'Expert Emma', audience: 'Beginners', is_default: true });
      expect((await p.rest('GET', `/system/author-profiles/${id}/`, { token: owner.token })).body.data.audience).toBe(
        'Beginners',
      );

      const deleted = await p.rest('DELETE', `/system/author-profiles/${id}/`, { token: owner.token });
      expect(deleted.status).toBe(204);
      expect((await p.rest('GET', `/system/author-profiles/${id}/`, { token: owner.token })).status).toBe(404);
    });

    it("answers 404 for another account's profile and 403 beyond the plan's limit", async () => {
      const other = await registerOwner(p, 'Other Agency');
      const mine = await p.rest('POST', '/system/author-profiles/', { token: other.token, body: { name: 'Mine' } });
      const id = mine.body.data.id;
      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { name: 'Taken' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await p.rest(method, `/system/author-profiles/${id}/`, { token: owner.token, body });
        expect(res.status, method).toBe(404);
        expect(res.body.success).toBe(false);
      }
      const over = await p.rest('POST', '/system/author-profiles/', { token: other.token, body: { name: 'Second' } });
      expect(over.status).toBe(403);
      expect(over.body.error).toBe(
        'Your Free plan allows 1 author profile: upgrade the plan or delete a profile first.',
      );
    });

    it('names the offending field in snake_case and refuses a viewer', async () => {
      const bad = await p.rest('POST', '/system/author-profiles/', {
        token: owner.token,
        body: { name: 'Long sample', sample_text: 'x'.repeat(5_001) },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual({ sample_text: ['must be at most 5,000 characters'] });
      const viewer = await addMember(p, owner, 'VIEWER');
      expect((await p.rest('GET', '/system/author-profiles/', { token: viewer.token })).status).toBe(200);
      const refused = await p.rest('POST', '/system/author-profiles/', { token: viewer.token, body: { name: 'V' } });
      expect(refused.status).toBe(403);
    });
  });

  describe('strategies', () => {
    it('creates with lower-case content types and length targets, and validates the range', async () => {
      const created = await p.rest('POST', '/system/strategies/', {
        token: owner.token,
        body: {
          name: 'Buying guides',
          content_types: ['comparison', 'review'],
          rules: ['Compare at least three products'],
          min_words: 1200,
          max_words: 2000,
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({
        name: 'Buying guides',
        content_types: ['comparison', 'review'],
        rules: ['Compare at least three products'],
        min_words: 1200,
        max_words: 2000,
        is_default: false,
      });
      const id = created.body.data.id;

      const bad = await p.rest('PATCH', `/system/strategies/${id}/`, { token: owner.token, body: { max_words: 500 } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual({ min_words: [expect.stringContaining('the maximum length (500 words)')] });
      const unknownType = await p.rest('PUT', `/system/strategies/${id}/`, {
        token: owner.token,
        body: { content_types: ['podcast'] },
      });
      expect(unknownType.status).toBe(400);
      expect(Object.keys(unknownType.body.errors)).toEqual(['content_types']);

      const list = await p.rest('GET', '/system/strategies/', { token: owner.token });
      expect(list.body).toMatchObject({ count: 1, next: null });
      expect(list.body.results[0]).toMatchObject({ id, content_types: ['comparison', 'review'] });
      expect((await p.rest('DELETE', `/system/strategies/${id}/`, { token: owner.token })).status).toBe(204);
      expect((await p.rest('GET', `/system/strategies/${id}/`, { token: owner.token })).status).toBe(404);
    });
  });

  it('refuses Thinker paths with 403 while the module is switched off', async () => {
    const agency = await registerOwner(p, 'Switched Off Agency');
    await p.rest('POST', '/system/settings/modules/enable/', {
      token: agency.token,
      body: { module: 'thinker', enabled: false },
    });
    for (const path of ['/system/prompts/', '/system/author-profiles/', '/system/strategies/']) {
      const res = await p.rest('GET', path, { token: agency.token });
      expect(res.status, path).toBe(403);
      expect(res.body.error).toContain('Account → Modules');
    }
  });
});
