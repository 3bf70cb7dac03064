// The Writer through the REST compatibility layer: /api/v1/writer/tasks/ and /writer/content/ and
// the planner's ideas/bulk_queue_to_writer/, with the original envelope, snake_case names (the body
// as `content_html`), lower-case enum values, filters, ordering, the version check and its
// last-write-wins fallback for clients that send no version.
import { contents } from '@igny8/db/writer';
import { createSiteWithSector, type Place } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';
import { waitForJob } from './jobs-fixtures.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('gateway: REST /api/v1/writer', () => {
  let p: Platform;
  let owner: Session;
  let stranger: Session;
  let place: Place;
  let other: Place;
  const ideaIds: string[] = [];
  const get = (path: string, s: Session = owner) => p.rest('GET', path, { token: s.token });
  const post = (path: string, body: unknown, s: Session = owner) => p.rest('POST', path, { token: s.token, body });
  const patch = (path: string, body: unknown, s: Session = owner) => p.rest('PATCH', path, { token: s.token, body });
  const put = (path: string, body: unknown, s: Session = owner) => p.rest('PUT', path, { token: s.token, body });
  const where = () => ({ site_id: place.siteId, sector_id: place.sectorId });

  /**
   * An article as a writing job would leave it, with the title, slug, status and type a test needs
   * (the offline writer's own are not chosen by the test): through the platform's database handle,
   * under the account's RLS. The generation job's real output is listed in `auto_generate_content/`.
   */
  async function insertContent(
    s: Session,
    at: Place,
    row: { title: string; slug: string; status?: 'draft' | 'review'; contentType?: 'post' | 'guide'; taskId?: string },
  ): Promise<string> {
    const [made] = await p.system.services.database.tenant(s.accountId, (tx) =>
      tx
        .insert(contents)
        .values({
          accountId: s.accountId,
          siteId: at.siteId,
          sectorId: at.sectorId,
          title: row.title,
          slug: row.slug,
          html: `<h2>About ${row.title}</h2><p>Some words about ${row.title.toLowerCase()}.</p>`,
          wordCount: 6,
          primaryKeyword: row.title.toLowerCase(),
          status: row.status ?? 'draft',
          contentType: row.contentType ?? 'post',
          taskId: row.taskId,
        })
        .returning({ id: contents.id }),
    );
    return made!.id;
  }

  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p, 'Writer REST Agency');
    stranger = await registerOwner(p, 'Other Agency');
    await setPlan(p, owner.accountId, 'growth');
    await setPlan(p, stranger.accountId, 'growth');
    place = await createSiteWithSector(p.gql, owner.token, { name: 'Paws Blog', sector: 'Dogs' });
    other = await createSiteWithSector(p.gql, stranger.token, { name: 'Their Blog', sector: 'Cats' });
    for (const [title, content_type] of [
      ['How to train a puppy to sit', 'guide'],
      ['Best dog beds for large breeds', 'listicle'],
    ] as const) {
      const res = await post('/planner/ideas/', {
        ...where(),
        title,
        content_type,
        target_keywords: [title.toLowerCase()],
        estimated_word_count: 1400,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ideaIds.push(res.body.data.id);
    }
  });
  afterAll(() => p?.close());

  describe('ideas/bulk_queue_to_writer/', () => {
    it('queues each idea once as a task (snake_case), and a second queueing skips them with the reason', async () => {
      const first = await post('/planner/ideas/bulk_queue_to_writer/', { ids: ideaIds });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        success: true,
        message: '2 ideas queued to the writer.',
        data: { created_count: 2, skipped: [] },
      });
      const task = first.body.data.tasks.find((t: any) => t.idea_id === ideaIds[0]);
      expect(task).toMatchObject({
        title: 'How to train a puppy to sit',
        primary_keyword: 'how to train a puppy to sit',
        content_type: 'guide',
        word_count_target: 1400,
        word_count: 1400,
        status: 'queued',
        site_id: place.siteId,
        sector_id: place.sectorId,
      });
      expect((await get(`/planner/ideas/${ideaIds[0]}/`)).body.data.status).toBe('queued');

      const again = await post('/planner/ideas/bulk_queue_to_writer/', { ids: ideaIds });
      expect(again.status).toBe(200);
      expect(again.body.data.created_count).toBe(0);
      expect(again.body.message).toBe('0 ideas queued to the writer; 2 skipped.');
      expect(again.body.data.skipped.map((s: any) => s.idea_id).sort()).toEqual([...ideaIds].sort());
      expect(again.body.data.skipped[0].reason).toEqual(expect.any(String));
      const listed = await get(`/writer/tasks/?site_id=${place.siteId}`);
      expect(listed.body.count).toBe(2);
    });

    it('refuses a body without ids, and another account cannot queue these ideas', async () => {
      const none = await post('/planner/ideas/bulk_queue_to_writer/', {});
      expect(none.status).toBe(400);
      expect(none.body).toMatchObject({ success: false, errors: { ids: expect.any(Array) } });
      const theirs = await post('/planner/ideas/bulk_queue_to_writer/', { ids: ideaIds }, stranger);
      expect(theirs.body.data?.created_count ?? 0).toBe(0);
    });
  });

  describe('tasks/', () => {
    let made: string;

    it('creates a task with the original field names (word_count as the target): 201 in the envelope', async () => {
      const res = await post('/writer/tasks/', {
        ...where(),
        title: 'Crate training: a week-by-week plan',
        primary_keyword: 'crate training',
        secondary_keywords: ['crate training schedule', 'puppy crate'],
        content_type: 'guide',
        content_structure: 'how_to',
        word_count: 2000,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({
        success: true,
        message: 'Task created.',
        data: {
          title: 'Crate training: a week-by-week plan',
          secondary_keywords: ['crate training schedule', 'puppy crate'],
          content_structure: 'how_to',
          word_count_target: 2000,
          credits_estimate: 20,
          status: 'queued',
        },
      });
      made = res.body.data.id;
    });

    it('lists in the list envelope, filtered by status, content type and structure, searched and ordered', async () => {
      const all = await get(`/writer/tasks/?site_id=${place.siteId}&ordering=title`);
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ success: true, count: 3, next: null, previous: null });
      expect(all.body.results.map((t: any) => t.title)).toEqual([
        'Best dog beds for large breeds',
        'Crate training: a week-by-week plan',
        'How to train a puppy to sit',
      ]);
      const longest = await get(`/writer/tasks/?site_id=${place.siteId}&ordering=-word_count_target`);
      expect(longest.body.results[0].id).toBe(made);
      const howTo = await get(`/writer/tasks/?content_structure=how_to&sector_id=${place.sectorId}`);
      expect(howTo.body.results.map((t: any) => t.id)).toEqual([made]);
      const guides = await get('/writer/tasks/?content_type=guide');
      expect(guides.body.count).toBe(2);
      const searched = await get('/writer/tasks/?search=dog%20beds');
      expect(searched.body.results.map((t: any) => t.title)).toEqual(['Best dog beds for large breeds']);
      const paged = await get('/writer/tasks/?page_size=2&page=2&ordering=title');
      expect(paged.body.results.map((t: any) => t.title)).toEqual(['How to train a puppy to sit']);
      expect((await get('/writer/tasks/?status=completed')).body.count).toBe(0);
      // Another account's tasks are not in the list.
      expect((await get('/writer/tasks/', stranger)).body.count).toBe(0);
    });

    it('filter_options/ counts each status, content type and structure under the other filters', async () => {
      const res = await get(`/writer/tasks/filter_options/?site_id=${place.siteId}&content_type=guide`);
      expect(res.status).toBe(200);
      expect(res.body.data.status).toEqual([
        { value: '', label: 'All statuses' },
        { value: 'queued', label: 'Queued', count: 2 },
      ]);
      // Its own filter (content_type=guide) does not narrow the content types offered.
      expect(res.body.data.content_type).toEqual([
        { value: '', label: 'All content types' },
        { value: 'guide', label: 'Guide', count: 2 },
        { value: 'listicle', label: 'Listicle', count: 1 },
      ]);
      expect(res.body.data.content_structure).toContainEqual({ value: 'how_to', label: 'How to', count: 1 });
      const theirs = await get('/writer/tasks/filter_options/', stranger);
      expect(theirs.body.data.status).toEqual([{ value: '', label: 'All statuses' }]);
    });

    it('refuses a bad status, an unknown ordering and a missing title with the field named', async () => {
      const status = await get('/writer/tasks/?status=done');
      expect(status.status).toBe(400);
      expect(status.body.errors.status[0]).toMatch(/must be one of: queued, in_progress, completed, failed/);
      const ordering = await get('/writer/tasks/?ordering=colour');
      expect(ordering.status).toBe(400);
      expect(ordering.body.error).toMatch(/ordering must be one of title, -title/);
      const untitled = await post('/writer/tasks/', { ...where(), primary_keyword: 'crate' });
      expect(untitled.status).toBe(400);
      expect(untitled.body.errors).toHaveProperty('title');
    });

    it('reads, updates with PUT and PATCH, and bulk-updates the status', async () => {
      const read = await get(`/writer/tasks/${made}/`);
      expect(read.status).toBe(200);
      expect(read.body.data).toMatchObject({ id: made, primary_keyword: 'crate training' });
      const patched = await patch(`/writer/tasks/${made}/`, { word_count: 1500, title: 'Crate training in 7 days' });
      expect(patched.status).toBe(200);
      expect(patched.body.data).toMatchObject({ word_count_target: 1500, title: 'Crate training in 7 days' });
      const replaced = await put(`/writer/tasks/${made}/`, { ...patched.body.data, word_count_target: 1800 });
      expect(replaced.status).toBe(200);
      expect(replaced.body.data.word_count_target).toBe(1800);

      const bulk = await post('/writer/tasks/bulk_update/', { ids: [made], status: 'failed' });
      expect(bulk.status).toBe(200);
      expect(bulk.body).toMatchObject({ data: { updated_count: 1 }, message: '1 task updated.' });
      expect((await get(`/writer/tasks/?status=failed`)).body.results.map((t: any) => t.id)).toEqual([made]);
      const bad = await post('/writer/tasks/bulk_update/', { ids: [made], status: 'finished' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.status[0]).toMatch(/must be one of/);
      const noStatus = await post('/writer/tasks/bulk_update/', { ids: [made] });
      expect(noStatus.status).toBe(400);
      expect(noStatus.body).toMatchObject({ error: 'status is required.' });
    });

    it("answers 404 for another account's task on read, update and delete", async () => {
      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { title: 'Mine now' }],
        ['PUT', { title: 'Mine now' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await p.rest(method, `/writer/tasks/${made}/`, { token: stranger.token, body });
        expect(res.status, method).toBe(404);
        expect(res.body).toMatchObject({ success: false, error: expect.stringMatching(/^Task .*not found\./) });
      }
      expect((await get(`/writer/tasks/${made}/`)).body.data.title).toBe('Crate training in 7 days');
    });

    it('deletes one (204) and many (bulk_delete/), the ideas of deleted tasks turning new again', async () => {
      const del = await p.rest('DELETE', `/writer/tasks/${made}/`, { token: owner.token });
      expect(del.status).toBe(204);
      expect((await get(`/writer/tasks/${made}/`)).status).toBe(404);
      const { results } = (await get('/writer/tasks/')).body;
      const bulk = await post('/writer/tasks/bulk_delete/', { ids: results.map((t: any) => t.id) });
      expect(bulk.body).toMatchObject({ data: { deleted_count: 2 }, message: '2 tasks deleted.' });
      expect((await get(`/planner/ideas/${ideaIds[0]}/`)).body.data.status).toBe('new');
    });
  });

  describe('content/', () => {
    let post1: string;
    let guide: string;
    let theirs: string;

    beforeAll(async () => {
      post1 = await insertContent(owner, place, { title: 'Why dogs dig', slug: 'why-dogs-dig' });
      guide = await insertContent(owner, place, {
        title: 'Puppy feeding guide',
        slug: 'puppy-feeding-guide',
        contentType: 'guide',
        status: 'review',
      });
      theirs = await insertContent(stranger, other, { title: 'Why cats purr', slug: 'why-cats-purr' });
    });

    it('lists articles with the original names (content_html, meta_title, word_count), filtered and ordered', async () => {
      const res = await get(`/writer/content/?site_id=${place.siteId}&ordering=title`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ success: true, count: 2 });
      expect(res.body.results.map((c: any) => c.title)).toEqual(['Puppy feeding guide', 'Why dogs dig']);
      const item = res.body.results[1];
      expect(item).toMatchObject({
        id: post1,
        content_html: '<h2>About Why dogs dig</h2><p>Some words about why dogs dig.</p>',
        meta_title: '',
        meta_description: '',
        word_count: 6,
        primary_keyword: 'why dogs dig',
        secondary_keywords: [],
        content_type: 'post',
        content_structure: 'article',
        status: 'draft',
        version: 1,
      });
      expect(item).not.toHaveProperty('html');
      expect((await get('/writer/content/?status=review')).body.results.map((c: any) => c.id)).toEqual([guide]);
      expect((await get('/writer/content/?content_type=guide')).body.results.map((c: any) => c.id)).toEqual([guide]);
      expect((await get('/writer/content/?search=dig')).body.results.map((c: any) => c.id)).toEqual([post1]);
      expect((await get(`/writer/content/?task_id=${UNKNOWN_ID}`)).body.count).toBe(0);
      expect((await get(`/writer/content/?cluster_id=${UNKNOWN_ID}`)).body.count).toBe(0);
      expect((await get('/writer/content/?status=nonsense')).status).toBe(400);
      expect((await get('/writer/content/', stranger)).body.results.map((c: any) => c.id)).toEqual([theirs]);
    });

    it('filter_options/ counts the articles of each status, content type and structure', async () => {
      const res = await get(`/writer/content/filter_options/?site_id=${place.siteId}&status=review`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        status: [
          { value: '', label: 'All statuses' },
          { value: 'draft', label: 'Draft', count: 1 },
          { value: 'review', label: 'Review', count: 1 },
        ],
        content_type: [
          { value: '', label: 'All content types' },
          { value: 'guide', label: 'Guide', count: 1 },
        ],
        content_structure: [
          { value: '', label: 'All structures' },
          { value: 'article', label: 'Article', count: 1 },
        ],
      });
    });

    it('saves an edit with the version read; a save over a newer version is a 409 in the envelope', async () => {
      const read = (await get(`/writer/content/${post1}/`)).body.data;
      const saved = await patch(`/writer/content/${post1}/`, {
        version: read.version,
        content_html: '<h2>Digging</h2><p>Dogs dig to cool down and to hide things.</p>',
        meta_title: 'Why dogs dig (and how to stop it)',
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.data).toMatchObject({
        content_html: '<h2>Digging</h2><p>Dogs dig to cool down and to hide things.</p>',
        meta_title: 'Why dogs dig (and how to stop it)',
        word_count: 10,
        version: read.version + 1,
      });
      const stale = await patch(`/writer/content/${post1}/`, { version: read.version, title: 'Stale title' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ success: false, error: expect.any(String) });
      expect((await get(`/writer/content/${post1}/`)).body.data.title).toBe('Why dogs dig');
    });

    it('without a version (legacy clients) the edit is saved over the current one: last write wins', async () => {
      const before = (await get(`/writer/content/${post1}/`)).body.data;
      const res = await patch(`/writer/content/${post1}/`, { title: 'Why do dogs dig?' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ title: 'Why do dogs dig?', version: before.version + 1 });
      // PUT with the item read back (read-only fields included) changes only what may be edited.
      const back = await put(`/writer/content/${post1}/`, { ...res.body.data, slug: 'why-do-dogs-dig', status: 'x' });
      expect(back.status, JSON.stringify(back.body)).toBe(200);
      expect(back.body.data).toMatchObject({ slug: 'why-do-dogs-dig', status: 'draft' });
    });

    it('refuses a field it does not know (a misspelt body would be lost), naming it and the editable ones', async () => {
      const res = await patch(`/writer/content/${post1}/`, { html_content: '<p>lost</p>' });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/^Unknown field: html_content\. Content edits take title, content_html/);
      expect(res.body.errors).toEqual({ html_content: ['is not a content field'] });
      const tooLong = await patch(`/writer/content/${post1}/`, { meta_description: 'x'.repeat(2_000) });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors).toHaveProperty('meta_description');
    });

    it('bulk_update/ moves articles through the review flow; a move it does not allow is a 400', async () => {
      const sent = await post('/writer/content/bulk_update/', { ids: [post1], status: 'review' });
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
      expect(sent.body).toMatchObject({ data: { updated_count: 1 }, message: '1 content item updated.' });
      expect((await get(`/writer/content/${post1}/`)).body.data.status).toBe('review');
      const bad = await post('/writer/content/bulk_update/', { ids: [post1], status: 'published_now' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.status[0]).toMatch(/must be one of: draft, review/);
      const mine = await post('/writer/content/bulk_update/', { ids: [theirs], status: 'review' });
      expect(mine.status).toBe(404);
    });

    it("answers 404 for another account's article on read, update and delete", async () => {
      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { title: 'Mine now' }],
        ['PATCH', { title: 'Mine now', version: 1 }],
        ['PUT', { title: 'Mine now' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await p.rest(method, `/writer/content/${theirs}/`, { token: owner.token, body });
        expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(404);
        expect(res.body).toMatchObject({ success: false, error: expect.stringMatching(/^Content .*not found\./) });
      }
      expect((await get(`/writer/content/${theirs}/`, stranger)).body.data.title).toBe('Why cats purr');
    });

    it('deletes one (204) and many (bulk_delete/)', async () => {
      expect((await p.rest('DELETE', `/writer/content/${guide}/`, { token: owner.token })).status).toBe(204);
      expect((await get(`/writer/content/${guide}/`)).status).toBe(404);
      const bulk = await post('/writer/content/bulk_delete/', { ids: [post1, theirs] });
      expect(bulk.body).toMatchObject({ data: { deleted_count: 1 }, message: '1 content item deleted.' });
      expect((await get(`/writer/content/${theirs}/`, stranger)).status).toBe(200);
    });
  });
  describe('tasks/auto_generate_content/', () => {
    const task = async (s: Session, at: Place, title: string, word_count: number) => {
      const res = await post(
        '/writer/tasks/',
        { site_id: at.siteId, sector_id: at.sectorId, title, primary_keyword: title.toLowerCase(), word_count },
        s,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.data.id as string;
    };

    it('refuses more than 10 ids (as the original) and none, saying what to send', async () => {
      const eleven = Array.from({ length: 11 }, () => UNKNOWN_ID);
      const res = await post('/writer/tasks/auto_generate_content/', { ids: eleven });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        success: false,
        error: 'Generate content for at most 10 tasks at a time (11 were sent); send the rest in another request.',
        errors: { ids: ['at most 10'] },
      });
      const none = await post('/writer/tasks/auto_generate_content/', { ids: [] });
      expect(none.status).toBe(400);
      expect(none.body.errors).toHaveProperty('ids');
    });

    it('answers 402 in the envelope when the credits do not cover the articles, holding nothing', async () => {
      const poor = await registerOwner(p, 'Poor Writer Agency');
      const at = await createSiteWithSector(p.gql, poor.token, { name: 'Tiny Blog' });
      const ids = [
        await task(poor, at, 'A very long guide', 10_000),
        await task(poor, at, 'Another long guide', 10_000),
      ];
      const before = (await get('/billing/credits/balance/', poor)).body.data.balance;
      const res = await post('/writer/tasks/auto_generate_content/', { ids }, poor);
      expect(res.status).toBe(402);
      expect(res.body).toMatchObject({ success: false, error: expect.stringMatching(/credits/) });
      expect((await get('/billing/credits/balance/', poor)).body.data.balance).toBe(before);
      expect((await get(`/writer/tasks/${ids[0]}/`, poor)).body.data.status).toBe('queued');
    });

    it('starts the job (202 with task_id); the article it writes is listed under content/ by task_id', async () => {
      const id = await task(owner, place, 'How often to walk a puppy', 600);
      const res = await post('/writer/tasks/auto_generate_content/', { ids: [id] });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body).toMatchObject({ success: true, message: 'Content generation started.' });
      expect(res.body.data.task_id).toBe(res.body.data.id);
      const done = await waitForJob(p, owner.token, res.body.data.id);
      expect(done.status).toBe('SUCCEEDED');
      const written = await get(`/writer/content/?task_id=${id}`);
      expect(written.body.count).toBe(1);
      expect(written.body.results[0]).toMatchObject({
        title: expect.any(String),
        content_html: expect.stringContaining('<h2'),
      });
      expect((await get(`/writer/tasks/${id}/`)).body.data.status).toBe('completed');
    });
  });
});
