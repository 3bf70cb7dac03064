// One not-found rule for every REST module: a path id that is unknown, malformed or another
// account's names nothing the caller may see, and answers 404 in the error envelope — on every
// detail, update, delete and per-item action route.
import { contents } from '@igny8/db/writer';
import { createLogger, createServiceClient, defineJob, type JobRecord, type JobRuntime } from '@igny8/lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addMember, PASSWORD, registerOwner, type Session, setPlan, uniqueEmail } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

/** REST's place → the row's columns. */
const columnsOf = (place: { site_id: string; sector_id: string }) => ({
  siteId: place.site_id,
  sectorId: place.sector_id,
});
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const MALFORMED = 'not-an-id';
const OPERATOR = { email: uniqueEmail('operator'), password: PASSWORD };

/** A job nobody works on: it stays queued, so its id stays valid for the whole file. */
const idleJob = defineJob({
  kind: 'gateway.rest-not-found',
  inputSchema: z.object({}),
  operation: 'linking',
  summarize: () => 'Waits',
  handler: async () => ({ result: null, summary: 'Done' }),
});

interface Target {
  method: string;
  path: (id: string) => string;
  body?: Record<string, unknown>;
  /** The other account's id of this kind, when one can be made. */
  foreign?: () => string;
  /** Operator routes: any account is the operator's to see, so there is no foreign id. */
  operator?: true;
}

describe('gateway: REST not-found rule', () => {
  let p: Platform;
  let runtime: JobRuntime;
  let owner: Session;
  let operatorToken: string;
  const job: JobRecord[] = [];
  // The other account's resources, one of each kind.
  const theirs: Record<string, string> = {};

  beforeAll(async () => {
    p = await startPlatform({ system: { SUPERUSER_EMAIL: OPERATOR.email, SUPERUSER_PASSWORD: OPERATOR.password } });
    runtime = await p.jobRuntime([idleJob], { work: false });
    owner = await registerOwner(p, 'Seeking Agency');
    const other = await registerOwner(p, 'Other Agency');
    await setPlan(p, other.accountId, 'growth');
    const login = await p.rest('POST', '/auth/login/', { body: OPERATOR });
    operatorToken = login.body.data.access;

    const made = async (path: string, body: Record<string, unknown>) => {
      const res = await p.rest('POST', path, { token: other.token, body });
      if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.data.id as string;
    };
    theirs.site = await made('/auth/sites/', { name: 'Their Site' });
    theirs.sector = await made('/auth/sectors/', { site_id: theirs.site, name: 'Their Sector' });
    const place = { site_id: theirs.site, sector_id: theirs.sector };
    theirs.keyword = await made('/planner/keywords/', { ...place, keyword: 'their keyword' });
    theirs.cluster = await made('/planner/clusters/', { ...place, name: 'Their Cluster' });
    theirs.idea = await made('/planner/ideas/', { ...place, cluster_id: theirs.cluster, title: 'Their Idea' });
    theirs.term = await made('/writer/taxonomies/', {
      site_id: theirs.site,
      taxonomy: 'category',
      name: 'Their Category',
    });
    theirs.profile = await made('/system/author-profiles/', { name: 'Their Voice' });
    theirs.strategy = await made('/system/strategies/', {
      name: 'Their Strategy',
      content_types: ['post'],
      min_words: 800,
      max_words: 1500,
    });
    theirs.task = await made('/writer/tasks/', { ...place, title: 'Their Task', primary_keyword: 'their keyword' });
    // An article as the generation job would leave it (without running a job for it), under the
    // other account's row-level security.
    theirs.content = await p.system.services.database.tenant(other.accountId, async (tx) => {
      const [row] = await tx
        .insert(contents)
        .values({ accountId: other.accountId, ...columnsOf(place), title: 'Their Article', slug: 'their-article' })
        .returning({ id: contents.id });
      return row!.id;
    });
    theirs.member = (await addMember(p, other, 'EDITOR')).userId;
    theirs.apiKey = (
      await p.rest('POST', '/account/api-keys/', { token: other.token, body: { name: 'theirs', scopes: ['read'] } })
    ).body.data.id;
    // A notification of theirs, as another subgraph makes one (the service-only notify).
    const system = createServiceClient({
      url: p.urls.system!,
      target: 'system',
      credentials: p.serviceCredentials,
      log: createLogger('test', 'silent'),
    });
    await system.request('mutation($input: NotifyInput!) { notify(input: $input) }', {
      input: {
        accountId: other.accountId,
        userId: other.userId,
        kind: 'test',
        severity: 'INFO',
        title: 'Theirs',
        sourceKey: 'theirs',
      },
    });
    theirs.notification = (await p.rest('GET', '/notifications/', { token: other.token })).body.results[0].id;
    job.push(await runtime.enqueue({ accountId: other.accountId, userId: other.userId }, idleJob, {}));
    theirs.job = job[0]!.id;
  });
  afterAll(async () => {
    for (const j of job) await runtime.cancel(j.accountId, j.id);
    await p?.close();
  });

  const of = (kind: string) => () => theirs[kind]!;
  const item = (base: string, kind: string, actions: string[] = ['GET', 'PATCH', 'PUT', 'DELETE']): Target[] =>
    actions.map((method) => ({ method, path: (id) => `${base}${id}/`, foreign: of(kind) }));

  const targets: Record<string, Target[]> = {
    'planner keywords': item('/planner/keywords/', 'keyword'),
    'planner clusters': [
      ...item('/planner/clusters/', 'cluster'),
      {
        method: 'POST',
        path: (id) => `/planner/clusters/${id}/split/`,
        body: { ids: [UNKNOWN], name: 'Split off' },
        foreign: of('cluster'),
      },
    ],
    'planner ideas': item('/planner/ideas/', 'idea'),
    'writer tasks': item('/writer/tasks/', 'task'),
    'writer content': item('/writer/content/', 'content'),
    'writer taxonomies': item('/writer/taxonomies/', 'term'),
    // Another account's image: gateway/test/writer-images.test.ts (making one takes a written article).
    'writer images': [
      ...['GET', 'PATCH', 'PUT', 'DELETE'].map((method) => ({ method, path: (id: string) => `/writer/images/${id}/` })),
      { method: 'GET', path: (id) => `/writer/images/${id}/file/` },
      { method: 'POST', path: (id) => `/writer/images/${id}/regenerate/` },
    ],
    'author profiles': item('/system/author-profiles/', 'profile'),
    strategies: item('/system/strategies/', 'strategy'),
    'image testing': [{ method: 'GET', path: (id) => `/system/image-testing/${id}/` }],
    sites: item('/auth/sites/', 'site'),
    sectors: item('/auth/sectors/', 'sector', ['PATCH', 'PUT', 'DELETE']),
    team: item('/account/team/', 'member', ['PATCH', 'PUT', 'DELETE']).map((t) => ({ ...t, body: { role: 'viewer' } })),
    'api keys': item('/account/api-keys/', 'apiKey', ['DELETE']),
    notifications: [
      ...item('/notifications/', 'notification', ['GET']),
      ...item('/system/notifications/', 'notification', ['GET']),
      { method: 'POST', path: (id) => `/notifications/${id}/read/`, foreign: of('notification') },
      { method: 'POST', path: (id) => `/system/notifications/${id}/read/`, foreign: of('notification') },
    ],
    jobs: [
      { method: 'GET', path: (id) => `/automation/jobs/${id}/`, foreign: of('job') },
      { method: 'POST', path: (id) => `/automation/jobs/${id}/cancel/`, foreign: of('job') },
    ],
    'admin credits': [
      { method: 'GET', path: (id) => `/admin/users/${id}/credits/`, operator: true },
      {
        method: 'POST',
        path: (id) => `/admin/users/${id}/credits/`,
        body: { amount: 5, reason: 'a goodwill grant' },
        operator: true,
      },
    ],
  };

  for (const [module, routes] of Object.entries(targets)) {
    it(`${module}: unknown, malformed and another account's ids are 404`, async () => {
      const wrong: string[] = [];
      for (const target of routes) {
        const ids: [string, string][] = [
          ['unknown', UNKNOWN],
          ['malformed', MALFORMED],
          ...(target.foreign ? [['foreign', target.foreign()] as [string, string]] : []),
        ];
        for (const [kind, id] of ids) {
          const res = await p.rest(target.method, target.path(id), {
            token: target.operator ? operatorToken : owner.token,
            ...(target.method === 'GET' ? {} : { body: target.body ?? {} }),
          });
          const ok = res.status === 404 && res.body?.success === false && typeof res.body.error === 'string';
          if (!ok)
            wrong.push(`${target.method} ${target.path(id)} (${kind}): ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('prompt types and credit-cost operations: an unknown name in the path is 404', async () => {
    for (const [method, path] of [
      ['GET', '/system/prompts/haiku/'],
      ['PATCH', '/system/prompts/haiku/'],
      ['POST', '/system/prompts/haiku/reset/'],
    ] as const) {
      const body = method === 'GET' ? {} : { body: { text: 'x' } };
      expect((await p.rest(method, path, { token: owner.token, ...body })).status, path).toBe(404);
    }
    const cost = await p.rest('PATCH', '/admin/credit-costs/telepathy/', {
      token: operatorToken,
      body: { credits: 1 },
    });
    expect(cost.status).toBe(404);
  });
});
