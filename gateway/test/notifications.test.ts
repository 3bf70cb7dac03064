// The header bell: notifications made when a job ends (the real auto-cluster job on the offline
// provider, and a failing job on the real job runtime) and when a charge takes the credits below
// the threshold; read through GraphQL and /api/v1/notifications/ with the original's envelope.
import {
  ConflictError,
  createLogger,
  createServiceClient,
  createSystemJobNotices,
  defineJob,
  type JobRuntime,
} from '@igny8/lib';
import { createSiteWithSector, type Place } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addMember, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';
import { waitForJob } from './jobs-fixtures.js';

const failingJob = defineJob({
  kind: 'test.failing',
  title: 'Failing test',
  inputSchema: z.object({ what: z.string() }),
  summarize: (input) => input.what,
  retryLimit: 0,
  async handler() {
    throw new ConflictError('The sector has no keywords left to work on.');
  },
});

interface RestNotification {
  id: string;
  kind: string;
  severity: string;
  title: string;
  message: string;
  link: string | null;
  is_read: boolean;
}

describe('notifications', () => {
  let p: Platform;
  let owner: Session;
  let editor: Session;
  let stranger: Session;
  let place: Place;
  let runtime: JobRuntime;

  const notificationsOf = async (session: Session, query = '') => {
    const res = await p.rest('GET', `/notifications/${query}`, { token: session.token });
    expect(res.status).toBe(200);
    return res.body.results as RestNotification[];
  };

  beforeAll(async () => {
    // The starter plan's 1,000 credits: the first 10-credit clustering takes the balance to 990, below 995.
    p = await startPlatform({ billing: { LOW_CREDITS_THRESHOLD: '995' } });
    owner = await registerOwner(p, 'Bell Agency');
    await setPlan(p, owner.accountId, 'starter');
    const balance = await p.gql('{ creditBalance { balance } }', {}, owner.token);
    expect(balance.data.creditBalance.balance).toBe(1000);
    editor = await addMember(p, owner, 'EDITOR');
    stranger = await registerOwner(p, 'Other Agency');
    await setPlan(p, stranger.accountId, 'growth');
    place = await createSiteWithSector(p.gql, owner.token, { name: 'Bell Garden', sector: 'Roses' });
    const imported = await p.rest('POST', '/planner/keywords/import/', {
      token: editor.token,
      body: {
        site_id: place.siteId,
        sector_id: place.sectorId,
        keywords: ['pruning roses', 'how to prune roses', 'rose fertiliser', 'best rose fertiliser'],
      },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const system = createServiceClient({
      url: p.urls.system!,
      target: 'system',
      credentials: p.serviceCredentials,
      log: createLogger('test', 'silent'),
    });
    runtime = await p.jobRuntime([failingJob], {
      notices: createSystemJobNotices(system, createLogger('test', 'silent')),
    });
  });
  afterAll(() => p?.close());

  it('tells the member who started a job that it finished, and the owners that credits run low', async () => {
    const started = await p.rest('POST', '/planner/keywords/auto_cluster/', {
      token: editor.token,
      body: { sector_id: place.sectorId },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect((await waitForJob(p, editor.token, started.body.data.id)).status).toBe('SUCCEEDED');

    const [finished, ...rest] = await notificationsOf(editor);
    expect(rest).toEqual([]);
    expect(finished).toMatchObject({
      kind: 'job_succeeded',
      severity: 'success',
      title: 'Auto-cluster finished',
      is_read: false,
    });
    expect(finished!.message).toContain('Bell Garden');

    // The owner started nothing: only the low-credit warning, with the way to more credits.
    const [low, ...others] = await notificationsOf(owner);
    expect(others).toEqual([]);
    expect(low).toMatchObject({ kind: 'credits_low', severity: 'warning', link: '/account/purchase-credits' });
    expect(low!.message).toContain('990 credits left (below 995)');
    // The editor cannot buy credits: no warning for them.
    expect((await notificationsOf(editor)).map((n) => n.kind)).toEqual(['job_succeeded']);
  });

  it('warns once when the balance crosses the threshold, not at every charge below it', async () => {
    const keywords = await p.rest('POST', '/planner/keywords/', {
      token: editor.token,
      body: { site_id: place.siteId, sector_id: place.sectorId, keyword: 'climbing roses' },
    });
    expect(keywords.status, JSON.stringify(keywords.body)).toBe(201);
    const started = await p.rest('POST', '/planner/keywords/auto_cluster/', {
      token: editor.token,
      body: { sector_id: place.sectorId },
    });
    expect((await waitForJob(p, editor.token, started.body.data.id)).status).toBe('SUCCEEDED');
    expect((await notificationsOf(owner)).map((n) => n.kind)).toEqual(['credits_low']);
    expect((await notificationsOf(editor)).map((n) => n.kind)).toEqual(['job_succeeded', 'job_succeeded']);
  });

  it('tells the member that a job failed, with the reason', async () => {
    const job = await runtime.enqueue({ accountId: owner.accountId, userId: owner.userId }, failingJob, {
      what: 'the roses',
    });
    expect((await waitForJob(p, owner.token, job.id)).status).toBe('FAILED');
    const [failed] = await notificationsOf(owner);
    expect(failed).toMatchObject({
      kind: 'job_failed',
      severity: 'error',
      title: 'Failing test failed',
      message: 'Failing test: the roses — The sector has no keywords left to work on.',
    });
  });

  it('tells the owners and admins about a job nobody started, and not the other members', async () => {
    const job = await runtime.enqueue({ accountId: owner.accountId, userId: null }, failingJob, { what: 'the lilies' });
    expect((await waitForJob(p, owner.token, job.id)).status).toBe('FAILED');
    const [failed] = await notificationsOf(owner);
    expect(failed).toMatchObject({ kind: 'job_failed', message: expect.stringContaining('the lilies') });
    expect((await notificationsOf(editor)).map((n) => n.message).join()).not.toContain('the lilies');
  });

  it('answers the list envelope, the unread count and one notification; marks one read', async () => {
    const list = await p.rest('GET', '/notifications/?page_size=1', { token: owner.token });
    expect(list.body).toMatchObject({ success: true, count: 3, previous: null, request_id: expect.any(String) });
    expect(list.body.next).toContain('page=2');
    expect(list.body.results).toHaveLength(1);

    const count = await p.rest('GET', '/notifications/unread_count/', { token: owner.token });
    expect(count.body).toMatchObject({ success: true, data: { unread_count: 3 } });

    const [first] = list.body.results as RestNotification[];
    const one = await p.rest('GET', `/system/notifications/${first!.id}/`, { token: owner.token });
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({ id: first!.id, is_read: false, read_at: null });

    const read = await p.rest('POST', `/notifications/${first!.id}/read/`, { token: owner.token });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.data).toEqual({ marked: 1, unread_count: 2 });
    // Marking it again changes nothing and is no error.
    expect((await p.rest('POST', `/notifications/${first!.id}/read/`, { token: owner.token })).body.data).toEqual({
      marked: 0,
      unread_count: 2,
    });
    const unread = await p.rest('GET', '/notifications/?unread=true', { token: owner.token });
    expect(unread.body.results.map((n: RestNotification) => n.id)).not.toContain(first!.id);
    expect((await p.rest('GET', '/notifications/?is_read=true', { token: owner.token })).body.count).toBe(1);
  });

  it("is 404 for another member's or another account's notification, and for a malformed id", async () => {
    const [mine] = await notificationsOf(owner);
    for (const session of [editor, stranger]) {
      const res = await p.rest('GET', `/notifications/${mine!.id}/`, { token: session.token });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ success: false, error: expect.stringMatching(/^Notification .*not found\.$/) });
      expect((await p.rest('POST', `/notifications/${mine!.id}/read/`, { token: session.token })).status).toBe(404);
      expect(
        (await p.rest('POST', '/notifications/read/', { token: session.token, body: { ids: [mine!.id] } })).status,
      ).toBe(404);
    }
    expect((await p.rest('GET', '/notifications/not-an-id/', { token: owner.token })).status).toBe(404);
    // Nobody else's attempts marked it read.
    expect((await p.rest('GET', `/notifications/${mine!.id}/`, { token: owner.token })).body.data.id).toBe(mine!.id);
  });

  it('refuses bad input with a message that says what to send', async () => {
    const noIds = await p.rest('POST', '/notifications/read/', { token: owner.token, body: {} });
    expect(noIds.status).toBe(400);
    expect(noIds.body).toMatchObject({ success: false, error: 'ids must be a non-empty list of ids.' });
    const badId = await p.rest('POST', '/notifications/read/', { token: owner.token, body: { ids: ['nope'] } });
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual({ 'ids.0': ['must be an id'] });
    const badFilter = await p.rest('GET', '/notifications/?unread=maybe', { token: owner.token });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error).toBe('unread must be true or false.');

    const both = await p.gql(
      'mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { marked } }',
      { input: { all: true, ids: [] } },
      owner.token,
    );
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(both.errors?.[0]?.message).toContain('give the ids to mark read, or all: true (not both)');
  });

  it('marks all read (REST and GraphQL agree on the count); the service-only notify is not in the API', async () => {
    const all = await p.rest('POST', '/notifications/read_all/', { token: owner.token });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      success: true,
      data: { unread_count: 0 },
      message: expect.stringMatching(/marked read/),
    });
    const count = await p.gql(
      '{ unreadNotificationCount notifications(unread: true) { totalCount } }',
      {},
      owner.token,
    );
    expect(count.data).toEqual({ unreadNotificationCount: 0, notifications: { totalCount: 0 } });
    // The editor's stay unread: read state is each member's own.
    const editorCount = await p.gql('{ unreadNotificationCount }', {}, editor.token);
    expect(editorCount.data.unreadNotificationCount).toBe(2);

    const forged = await p.gql(
      'mutation { notify(input: { accountId: "00000000-0000-0000-0000-000000000000", kind: "x", severity: INFO, title: "x", sourceKey: "x" }) }',
      {},
      owner.token,
    );
    expect(forged.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
