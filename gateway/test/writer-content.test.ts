// Writing articles end to end: tasks → the generate-content job (offline sample writer, and a
// model over the OpenAI protocol) → drafts that follow the article rules, charged per article
// written → editing with a version check → revisions, diffs and restore → the review flow.

import {
  createSiteWithSector,
  type OpenAiProtocolServer,
  type Place,
  type RecordedRequest,
  startOpenAiProtocolServer,
} from '@igny8/lib/testing';
import { checkArticle, offlineArticle } from '@igny8/writer/article';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, gqlOk, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';
import { followJob, waitForJob } from './jobs-fixtures.js';

const CREATE_TASK = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id wordCountTarget } }`;
const ESTIMATE = `query($ids: [ID!]!) { generationEstimate(taskIds: $ids) { tasks words credits } }`;
const GENERATE = `mutation($input: GenerateContentInput!) { generateContent(input: $input) { id } }`;
const TASK = `query($id: ID!) { task(id: $id) { id status error content { id } } }`;
const CONTENT = `query($id: ID!) { content(id: $id) {
  id title slug html metaTitle metaDescription primaryKeyword wordCount wordCountTarget status sampleText version
  contentStructure schemaMarkup reviewNote flags { kind otherContentId otherTitle detail }
  revisions { number source wordCount provenance { provider model promptType promptHash promptVersion inputTokens outputTokens credits offline } } } }`;
const UPDATE = `mutation($input: UpdateContentInput!) { updateContent(input: $input) { id version title html wordCount } }`;
const STATUS = `mutation($input: SetContentStatusInput!) { setContentStatus(input: $input) { id status reviewNote } }`;
const REJECT = `mutation($input: RejectContentInput!) { rejectContent(input: $input) { id status reviewNote } }`;
const DIFF = `query($id: ID!, $from: Int!, $to: Int!) { revisionDiff(contentId: $id, from: $from, to: $to) { added removed ops { kind text } } }`;
const RESTORE = `mutation($input: RestoreRevisionInput!) { restoreContentRevision(input: $input) { id version title } }`;
const BALANCE = '{ creditBalance { balance reserved } }';

const balance = async (p: Platform, token: string) => (await gqlOk(p, BALANCE, {}, token)).creditBalance;

async function makeTask(p: Platform, token: string, place: Place, input: Record<string, unknown>) {
  return (await gqlOk(p, CREATE_TASK, { input: { ...place, ...input } }, token)).createTask as {
    id: string;
    wordCountTarget: number;
  };
}

describe('writing articles with the offline sample writer', () => {
  let p: Platform;
  let owner: Session;
  let editor: Session;
  let place: Place;
  const contentIds: string[] = [];

  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p, 'Writer Content');
    await setPlan(p, owner.accountId, 'growth');
    editor = await addMember(p, owner, 'EDITOR');
    place = await createSiteWithSector(p.gql, owner.token, { name: 'Paws Blog', sector: 'Dogs' });
  });

  afterAll(async () => {
    await p?.close();
  });

  it('shows the price first, writes every task live, and charges 1 credit per 100 target words', async () => {
    const tasks = [
      await makeTask(p, owner.token, place, {
        title: 'How to train a puppy to sit',
        primaryKeyword: 'train a puppy to sit',
        secondaryKeywords: ['puppy treats', 'short sessions'],
        contentType: 'HOW_TO',
        wordCountTarget: 900,
        outline: [
          { heading: 'Why sitting comes first', points: ['calm behaviour', 'safety'] },
          { heading: 'What you need', points: ['treats', 'a quiet room'] },
          { heading: 'Step by step', points: ['lure', 'mark', 'reward'] },
          { heading: 'Common mistakes', points: ['long sessions', 'repeating the cue'] },
        ],
      }),
      await makeTask(p, owner.token, place, {
        title: 'Best dog beds for large breeds',
        primaryKeyword: 'best dog beds',
        contentType: 'LISTICLE',
        wordCountTarget: 1200,
      }),
    ];
    const ids = tasks.map((t) => t.id);
    const { generationEstimate } = await gqlOk(p, ESTIMATE, { ids }, owner.token);
    expect(generationEstimate).toEqual({ tasks: 2, words: 2100, credits: 21 });

    const before = await balance(p, owner.token);
    const { generateContent } = await gqlOk(p, GENERATE, { input: { taskIds: ids } }, owner.token);
    const events = await followJob(p, owner.token, generateContent.id, 'message resultSummary error');
    const last = events.at(-1)!;
    expect(last.status, last.error ?? '').toBe('SUCCEEDED');
    expect(events.some((e) => /Wrote 1 of 2/.test(e.message ?? ''))).toBe(true);
    expect(last.resultSummary).toBe('Wrote 2 of 2 articles');
    const after = await balance(p, owner.token);
    expect(before.balance - after.balance).toBe(21);
    expect(after.reserved).toBe(0);

    for (const [n, id] of ids.entries()) {
      const { task } = await gqlOk(p, TASK, { id }, owner.token);
      expect(task.status).toBe('COMPLETED');
      const { content } = await gqlOk(p, CONTENT, { id: task.content.id }, owner.token);
      contentIds.push(content.id);
      expect(content.status).toBe('DRAFT');
      expect(content.sampleText).toBe(true);
      expect(content.version).toBe(1);
      // The rules an SEO checks, on the article as stored.
      const brief = {
        title: content.title,
        primaryKeyword: content.primaryKeyword,
        secondaryKeywords: [],
        outline: [],
        contentType: 'post',
        contentStructure: content.contentStructure.toLowerCase(),
        targetWords: tasks[n]!.wordCountTarget,
      };
      expect(checkArticle(brief, content)).toEqual([]);
      expect(content.html).not.toMatch(/<h1/i);
      expect(content.title.toLowerCase()).toContain(content.primaryKeyword);
      expect(content.metaTitle.length).toBeLessThanOrEqual(60);
      expect(content.metaDescription.length).toBeGreaterThanOrEqual(120);
      expect(content.metaDescription.length).toBeLessThanOrEqual(160);
      expect(Math.abs(content.wordCount - tasks[n]!.wordCountTarget)).toBeLessThanOrEqual(
        tasks[n]!.wordCountTarget * 0.15,
      );
      expect(content.schemaMarkup.map((j: { '@type': string }) => j['@type'])).toEqual(['Article', 'FAQPage']);
      expect(content.revisions).toHaveLength(1);
      expect(content.revisions[0]).toMatchObject({
        number: 1,
        source: 'AI',
        provenance: { provider: 'offline', promptType: 'content', promptVersion: 'default', offline: true },
      });
      expect(content.revisions[0].provenance.promptHash).toMatch(/^[0-9a-f]{64}$/);
      expect(content.revisions[0].provenance.credits).toBe(Math.ceil(tasks[n]!.wordCountTarget / 100));
    }
    const beds = (await gqlOk(p, CONTENT, { id: contentIds[1] }, owner.token)).content;
    expect(beds.html).toContain('<table');
    const puppy = (await gqlOk(p, CONTENT, { id: contentIds[0] }, owner.token)).content;
    for (const heading of ['Why sitting comes first', 'What you need', 'Step by step', 'Common mistakes']) {
      expect(puppy.html).toContain(`<h2>${heading}`);
    }
  });

  it('refuses a task that already has its article, and a price the account cannot pay, before holding anything', async () => {
    const { task } = await gqlOk(
      p,
      `query($id: ID!) { content(id: $id) { task { id } } }`,
      { id: contentIds[0] },
      owner.token,
    ).then((d) => ({ task: d.content.task }));
    const again = await p.gql(GENERATE, { input: { taskIds: [task.id] } }, owner.token);
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toMatch(/already has its article/);

    const poor = await registerOwner(p, 'Poor Agency');
    const poorPlace = await createSiteWithSector(p.gql, poor.token, { name: 'Tiny site' });
    const big = await makeTask(p, poor.token, poorPlace, {
      title: 'A very long guide',
      primaryKeyword: 'long guide',
      wordCountTarget: 10000,
    });
    const mid = await makeTask(p, poor.token, poorPlace, {
      title: 'Another long guide',
      primaryKeyword: 'other guide',
      wordCountTarget: 10000,
    });
    const held = await balance(p, poor.token);
    const refused = await p.gql(GENERATE, { input: { taskIds: [big.id, mid.id] } }, poor.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_CREDITS');
    expect(await balance(p, poor.token)).toEqual(held);
    const { task: untouched } = await gqlOk(p, TASK, { id: big.id }, poor.token);
    expect(untouched.status).toBe('QUEUED');
  });

  it('flags a draft whose primary keyword another article of the site already targets', async () => {
    const twin = await makeTask(p, owner.token, place, {
      title: 'Teaching a puppy to sit in five days',
      primaryKeyword: 'train a puppy to sit',
      wordCountTarget: 600,
    });
    const { generateContent } = await gqlOk(p, GENERATE, { input: { taskIds: [twin.id] } }, owner.token);
    const done = await waitForJob(p, owner.token, generateContent.id, 'error');
    expect(done.status, done.error ?? '').toBe('SUCCEEDED');
    const { task } = await gqlOk(p, TASK, { id: twin.id }, owner.token);
    const { content } = await gqlOk(p, CONTENT, { id: task.content.id }, owner.token);
    expect(content.flags).toContainEqual({
      kind: 'CANNIBALIZATION',
      otherContentId: contentIds[0],
      otherTitle: expect.any(String),
      detail: 'train a puppy to sit',
    });
  });

  it('saves an edit sanitised and counted, keeps it as a revision, and refuses a save over a newer version', async () => {
    const id = contentIds[0]!;
    const { updateContent } = await gqlOk(
      p,
      UPDATE,
      {
        input: {
          id,
          version: 1,
          title: 'How to train a puppy to sit, in short sessions',
          html: '<h2>Start here</h2><p onclick="steal()">Say sit once, then wait.</p><script>alert(1)</script><a href="javascript:alert(1)">x</a>',
        },
      },
      editor.token,
    );
    expect(updateContent.version).toBe(2);
    expect(updateContent.html).not.toMatch(/script|onclick|javascript:/i);
    expect(updateContent.html).toContain('<p>Say sit once, then wait.</p>');
    expect(updateContent.wordCount).toBe(8);
    // Someone else still holds version 1.
    const stale = await p.gql(UPDATE, { input: { id, version: 1, title: 'My older edit' } }, owner.token);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stale.errors?.[0]?.message).toMatch(/changed by someone else/);
    const { content } = await gqlOk(p, CONTENT, { id }, owner.token);
    expect(content.title).toBe('How to train a puppy to sit, in short sessions');
    expect(content.revisions.map((r: { number: number; source: string }) => [r.number, r.source])).toEqual([
      [2, 'HUMAN'],
      [1, 'AI'],
    ]);
  });

  it('shows what changed between revisions word by word, and restores an older one', async () => {
    const id = contentIds[0]!;
    const { revisionDiff } = await gqlOk(p, DIFF, { id, from: 1, to: 2 }, owner.token);
    expect(revisionDiff.added).toBeGreaterThan(0);
    expect(revisionDiff.removed).toBeGreaterThan(100);
    expect(revisionDiff.ops).toContainEqual({ kind: 'ADDED', text: expect.stringContaining('Say sit once') });
    const { restoreContentRevision } = await gqlOk(
      p,
      RESTORE,
      { input: { contentId: id, number: 1, version: 2 } },
      editor.token,
    );
    expect(restoreContentRevision.version).toBe(3);
    const { content } = await gqlOk(p, CONTENT, { id }, owner.token);
    expect(content.wordCount).toBeGreaterThan(700);
    expect(content.revisions[0]).toMatchObject({ number: 3, source: 'RESTORE' });
  });

  it('runs the review flow: an editor sends, only an admin decides, a rejection keeps its note', async () => {
    const id = contentIds[1]!;
    const early = await p.gql(STATUS, { input: { ids: [id], status: 'APPROVED' } }, owner.token);
    expect(early.errors?.[0]?.message).toMatch(/is DRAFT and cannot be approved: send it to review first/);
    const sent = await gqlOk(p, STATUS, { input: { ids: [id], status: 'REVIEW' } }, editor.token);
    expect(sent.setContentStatus).toEqual([{ id, status: 'REVIEW', reviewNote: null }]);
    const selfApproved = await p.gql(STATUS, { input: { ids: [id], status: 'APPROVED' } }, editor.token);
    expect(selfApproved.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noNote = await p.gql(REJECT, { input: { id, note: '  ' } }, owner.token);
    expect(noNote.errors?.[0]?.extensions?.fields?.note?.[0]).toMatch(/required/);
    const rejected = await gqlOk(p, REJECT, { input: { id, note: 'Add sizes for giant breeds.' } }, owner.token);
    expect(rejected.rejectContent).toEqual({ id, status: 'DRAFT', reviewNote: 'Add sizes for giant breeds.' });
    await gqlOk(p, STATUS, { input: { ids: [id], status: 'REVIEW' } }, editor.token);
    const approved = await gqlOk(p, STATUS, { input: { ids: [id], status: 'APPROVED' } }, owner.token);
    expect(approved.setContentStatus).toEqual([{ id, status: 'APPROVED', reviewNote: null }]);
    const publish = await p.gql(STATUS, { input: { ids: [id], status: 'PUBLISHED' } }, owner.token);
    expect(publish.errors?.[0]?.extensions?.fields?.status?.[0]).toMatch(/set by publishing/);
  });

  it("keeps another account's articles out of reach", async () => {
    const other = await registerOwner(p, 'Snooping Agency');
    for (const [query, variables] of [
      [CONTENT, { id: contentIds[0] }],
      [UPDATE, { input: { id: contentIds[0], version: 3, title: 'Hijacked' } }],
      [DIFF, { id: contentIds[0], from: 1, to: 2 }],
      [STATUS, { input: { ids: [contentIds[0]], status: 'REVIEW' } }],
      [GENERATE, { input: { taskIds: [contentIds[0]] } }],
    ] as const) {
      const res = await p.gql(query, variables, other.token);
      expect(res.errors?.[0]?.extensions?.code, query).toBe('NOT_FOUND');
    }
    const { contents } = await gqlOk(p, '{ contents { totalCount } }', {}, other.token);
    expect(contents.totalCount).toBe(0);
  });
});

/** The "model": a valid article for most titles, broken JSON for one, a too-short article for another. */
function modelAnswer(request: RecordedRequest): string {
  const text = ((request.body.messages ?? []) as { content: string }[]).map((m) => m.content).join('\n');
  const title = /Title: (.*)/.exec(text)?.[1]?.trim() ?? '';
  const keyword = /Primary keyword: (.*)/.exec(text)?.[1]?.trim() ?? '';
  const words = Number(/about (\d+) words/.exec(text)?.[1] ?? 1000);
  if (title.startsWith('Broken')) return '{"title": "Broken", "sections": [';
  const brief = {
    title,
    primaryKeyword: keyword,
    secondaryKeywords: [],
    outline: [],
    contentType: 'post',
    contentStructure: 'article' as const,
    targetWords: title.startsWith('Short') ? 150 : words,
  };
  return JSON.stringify(offlineArticle(brief, 7));
}

describe('writing articles with a model over the OpenAI protocol', () => {
  const KEY = 'sk-writer-test';
  let server: OpenAiProtocolServer;
  let p: Platform;
  let owner: Session;
  let place: Place;

  beforeAll(async () => {
    server = await startOpenAiProtocolServer({ apiKey: KEY, chatContent: modelAnswer });
    p = await startPlatform({
      system: {
        AI_PROVIDER: 'openai',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_API_KEY: KEY,
        AI_CHAT_MODEL: 'test-writer',
      },
    });
    owner = await registerOwner(p, 'Model Writers');
    await setPlan(p, owner.accountId, 'growth');
    place = await createSiteWithSector(p.gql, owner.token, { name: 'Garden Notes', sector: 'Roses' });
  });

  afterAll(async () => {
    await p?.close();
    await server?.close();
  });

  it('writes what it can, fails a task with its reason at no cost, and records the model in the revision', async () => {
    const good = await makeTask(p, owner.token, place, {
      title: 'Pruning roses in spring',
      primaryKeyword: 'pruning roses',
      wordCountTarget: 800,
    });
    const broken = await makeTask(p, owner.token, place, {
      title: 'Broken answer article',
      primaryKeyword: 'rose pests',
      wordCountTarget: 700,
    });
    const short = await makeTask(p, owner.token, place, {
      title: 'Short answer article',
      primaryKeyword: 'rose soil',
      wordCountTarget: 1000,
    });
    const before = await balance(p, owner.token);
    const { generateContent } = await gqlOk(
      p,
      GENERATE,
      { input: { taskIds: [good.id, broken.id, short.id] } },
      owner.token,
    );
    const done = await waitForJob(p, owner.token, generateContent.id, 'error resultSummary');
    expect(done.status, done.error ?? '').toBe('SUCCEEDED');
    expect(done.resultSummary).toMatch(/^Wrote 1 of 3 articles; 2 failed/);
    // Only the article written is charged: 8 credits, not 8 + 7 + 10.
    expect(before.balance - (await balance(p, owner.token)).balance).toBe(8);

    const failedBroken = (await gqlOk(p, TASK, { id: broken.id }, owner.token)).task;
    expect(failedBroken).toMatchObject({ status: 'FAILED', content: null });
    expect(failedBroken.error).toMatch(/not valid JSON/);
    const failedShort = (await gqlOk(p, TASK, { id: short.id }, owner.token)).task;
    expect(failedShort.status).toBe('FAILED');
    expect(failedShort.error).toMatch(/broke the rules twice: .*words/);
    // The short article was asked for again with what to fix, and never saved.
    const shortAsks = server.requests.filter((r) => JSON.stringify(r.body).includes('Short answer article'));
    expect(shortAsks.length).toBe(2);
    expect(JSON.stringify(shortAsks[1]!.body)).toContain('could not be used');
    const { contents } = await gqlOk(p, '{ contents { totalCount } }', {}, owner.token);
    expect(contents.totalCount).toBe(1);

    const written = (await gqlOk(p, TASK, { id: good.id }, owner.token)).task;
    const { content } = await gqlOk(p, CONTENT, { id: written.content.id }, owner.token);
    expect(content.sampleText).toBe(false);
    expect(content.revisions[0].provenance).toMatchObject({
      provider: 'openai',
      model: 'test-writer',
      offline: false,
      credits: 8,
    });
    expect(content.revisions[0].provenance.inputTokens).toBeGreaterThan(0);
  });
});
