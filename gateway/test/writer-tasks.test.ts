// Writer tasks through the gateway: ideas queued from the planner become tasks (once each), the
// planner's idea status follows, tasks list/filter/update/delete, and every door is closed to
// another account, a viewer and an account without the Writer module.
import { createSiteWithSector, type Place } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, gqlOk, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

const CREATE_IDEA = `mutation($input: CreateContentIdeaInput!) { createContentIdea(input: $input) { id status } }`;
const QUEUE = `mutation($input: QueueIdeasToWriterInput!) { queueIdeasToWriter(input: $input) {
  tasks { id title primaryKeyword secondaryKeywords contentType contentStructure wordCountTarget creditsEstimate status ideaId outline { heading points } }
  skipped { ideaId reason } } }`;
const IDEA = `query($id: ID!) { contentIdea(id: $id) { id status task { id status title } } }`;
const TASKS = `query($filter: TaskFilter, $orderBy: TaskOrder, $first: Int) { tasks(filter: $filter, orderBy: $orderBy, first: $first) {
  totalCount edges { node { id title status contentStructure site { id } idea { id } } } } }`;
const TASK = `query($id: ID!) { task(id: $id) { id title wordCountTarget secondaryKeywords } }`;
const CREATE_TASK = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id title primaryKeyword secondaryKeywords contentStructure wordCountTarget status } }`;
const UPDATE_TASK = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { id title wordCountTarget secondaryKeywords } }`;
const DELETE_TASKS = `mutation($input: DeleteTasksInput!) { deleteTasks(input: $input) { deletedCount } }`;
const SET_STATUS = `mutation($input: SetTasksStatusInput!) { setTasksStatus(input: $input) { id status } }`;

describe('writer tasks', () => {
  let p: Platform;
  let owner: Session;
  let other: Session;
  let place: Place;
  const ideaIds: string[] = [];

  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p, 'Writer Tasks');
    other = await registerOwner(p, 'Other Agency');
    await setPlan(p, owner.accountId, 'growth');
    place = await createSiteWithSector(p.gql, owner.token, { name: 'Paws Blog', sector: 'Dogs' });
    for (const [title, keywords] of [
      ['How to train a puppy to sit', ['puppy training', 'teach puppy sit', 'puppy treats']],
      ['Best dog beds for large breeds', ['best dog beds', 'orthopedic dog bed']],
      ['Crate training: a week-by-week plan', ['crate training']],
    ] as const) {
      const { createContentIdea } = await gqlOk(
        p,
        CREATE_IDEA,
        {
          input: {
            ...place,
            title,
            contentType: title.startsWith('Best') ? 'LISTICLE' : 'GUIDE',
            targetKeywords: keywords,
            estimatedWordCount: 1400,
            outline: [{ heading: 'Why it matters', points: ['habits', 'safety'] }],
          },
        },
        owner.token,
      );
      ideaIds.push(createContentIdea.id);
    }
  });

  afterAll(async () => {
    await p?.close();
  });

  it('queues ideas as one task each, with the idea’s brief, and the ideas turn QUEUED', async () => {
    const { queueIdeasToWriter } = await gqlOk(p, QUEUE, { input: { ideaIds: ideaIds.slice(0, 2) } }, owner.token);
    expect(queueIdeasToWriter.skipped).toEqual([]);
    expect(queueIdeasToWriter.tasks).toHaveLength(2);
    const puppy = queueIdeasToWriter.tasks.find((t: { ideaId: string }) => t.ideaId === ideaIds[0]);
    expect(puppy).toMatchObject({
      title: 'How to train a puppy to sit',
      primaryKeyword: 'puppy training',
      secondaryKeywords: ['teach puppy sit', 'puppy treats'],
      contentType: 'GUIDE',
      contentStructure: 'GUIDE',
      wordCountTarget: 1400,
      creditsEstimate: 14,
      status: 'QUEUED',
      outline: [{ heading: 'Why it matters', points: ['habits', 'safety'] }],
    });
    const beds = queueIdeasToWriter.tasks.find((t: { ideaId: string }) => t.ideaId === ideaIds[1]);
    expect(beds.contentStructure).toBe('LISTICLE');
    // The planner owns the idea's status; the federated graph shows the task on the idea.
    const { contentIdea } = await gqlOk(p, IDEA, { id: ideaIds[0] }, owner.token);
    expect(contentIdea.status).toBe('QUEUED');
    expect(contentIdea.task).toEqual({ id: puppy.id, status: 'QUEUED', title: 'How to train a puppy to sit' });
  });

  it('never queues an idea twice, and says which ideas it skipped and why', async () => {
    const { queueIdeasToWriter } = await gqlOk(p, QUEUE, { input: { ideaIds } }, owner.token);
    expect(queueIdeasToWriter.tasks.map((t: { ideaId: string }) => t.ideaId)).toEqual([ideaIds[2]]);
    expect(queueIdeasToWriter.skipped).toEqual(
      expect.arrayContaining([
        { ideaId: ideaIds[0], reason: 'Already queued to the writer' },
        { ideaId: ideaIds[1], reason: 'Already queued to the writer' },
      ]),
    );
    const { tasks } = await gqlOk(p, TASKS, { filter: { siteId: place.siteId } }, owner.token);
    expect(tasks.totalCount).toBe(3);
  });

  it("cannot queue another account's idea, nor see or change its tasks", async () => {
    const { queueIdeasToWriter } = await gqlOk(p, QUEUE, { input: { ideaIds: [ideaIds[0]] } }, other.token);
    expect(queueIdeasToWriter).toEqual({
      tasks: [],
      skipped: [{ ideaId: ideaIds[0], reason: 'No such idea in your account' }],
    });
    const { tasks } = await gqlOk(p, TASKS, {}, other.token);
    expect(tasks.totalCount).toBe(0);
    const mine = await gqlOk(p, TASKS, { first: 1 }, owner.token);
    const id = mine.tasks.edges[0].node.id;
    for (const [query, variables] of [
      [TASK, { id }],
      [UPDATE_TASK, { input: { id, title: 'Taken over' } }],
    ] as const) {
      const res = await p.gql(query, variables, other.token);
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const deleted = await gqlOk(p, DELETE_TASKS, { input: { ids: [id] } }, other.token);
    expect(deleted.deleteTasks.deletedCount).toBe(0);
    const still = await gqlOk(p, TASK, { id }, owner.token);
    expect(still.task.id).toBe(id);
  });

  it("resolves A's tasks and the idea's task to null for B when asked through the writer subgraph directly", async () => {
    const mine = await gqlOk(p, TASKS, { first: 1 }, owner.token);
    const taskId = mine.tasks.edges[0].node.id;
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Task { id title } ... on ContentIdea { task { id } } ... on Cluster { tasks { id } } } }`;
    const ask = async (token: string, representations: object[]) => {
      const res = await fetch(p.urls.writer!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { r: representations } }),
      });
      return (await res.json()) as { data: { _entities: unknown[] } };
    };
    const representations = [
      { __typename: 'Task', id: taskId },
      { __typename: 'ContentIdea', id: ideaIds[0] },
    ];
    const own = await ask(owner.token, representations);
    expect(own.data._entities[0]).toMatchObject({ id: taskId });
    expect(own.data._entities[1]).toEqual({ task: { id: expect.any(String) } });
    const theirs = await ask(other.token, representations);
    expect(theirs.data._entities).toEqual([null, { task: null }]);
  });

  it('makes a task by hand, with the structure its type calls for and a clear error for bad input', async () => {
    const { createTask } = await gqlOk(
      p,
      CREATE_TASK,
      {
        input: {
          ...place,
          title: 'Dog park etiquette',
          primaryKeyword: 'Dog Park Etiquette',
          secondaryKeywords: ['dog park rules', 'dog park etiquette', 'off leash'],
          contentType: 'COMPARISON',
        },
      },
      owner.token,
    );
    expect(createTask).toMatchObject({
      primaryKeyword: 'dog park etiquette',
      // The primary keyword is not repeated among the secondary ones.
      secondaryKeywords: ['dog park rules', 'off leash'],
      contentStructure: 'COMPARISON',
      wordCountTarget: 1200,
      status: 'QUEUED',
    });
    const bad = await p.gql(
      CREATE_TASK,
      { input: { ...place, title: 'x', primaryKeyword: '', wordCountTarget: 50 } },
      owner.token,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.fields).toMatchObject({
      title: [expect.stringMatching(/at least 3/)],
      primaryKeyword: [expect.stringMatching(/required/)],
      wordCountTarget: [expect.stringMatching(/at least 300/)],
    });
    const elsewhere = await createSiteWithSector(p.gql, other.token, { name: 'Other site' });
    const foreign = await p.gql(
      CREATE_TASK,
      { input: { ...elsewhere, title: 'Sneaky', primaryKeyword: 'x' } },
      owner.token,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('filters, sorts and updates tasks; IN_PROGRESS is the job’s to set', async () => {
    const listicles = await gqlOk(p, TASKS, { filter: { contentStructure: ['LISTICLE'] } }, owner.token);
    expect(listicles.tasks.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual([
      'Best dog beds for large breeds',
    ]);
    const searched = await gqlOk(p, TASKS, { filter: { search: 'crate' } }, owner.token);
    expect(searched.tasks.totalCount).toBe(1);
    const sorted = await gqlOk(p, TASKS, { orderBy: { field: 'TITLE', direction: 'ASC' } }, owner.token);
    const titles = sorted.tasks.edges.map((e: { node: { title: string } }) => e.node.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
    const id = searched.tasks.edges[0].node.id;
    const { updateTask } = await gqlOk(
      p,
      UPDATE_TASK,
      { input: { id, wordCountTarget: 2000, secondaryKeywords: ['crate size'] } },
      owner.token,
    );
    expect(updateTask).toMatchObject({ wordCountTarget: 2000, secondaryKeywords: ['crate size'] });
    const busy = await p.gql(SET_STATUS, { input: { ids: [id], status: 'IN_PROGRESS' } }, owner.token);
    expect(busy.errors?.[0]?.extensions?.fields?.status?.[0]).toMatch(/set by the writing job/);
    const failed = await gqlOk(p, SET_STATUS, { input: { ids: [id], status: 'FAILED' } }, owner.token);
    expect(failed.setTasksStatus).toEqual([{ id, status: 'FAILED' }]);
  });

  it('deletes tasks and gives their ideas back to the planner as NEW', async () => {
    const { contentIdea } = await gqlOk(p, IDEA, { id: ideaIds[2] }, owner.token);
    expect(contentIdea.status).toBe('QUEUED');
    const { deleteTasks } = await gqlOk(p, DELETE_TASKS, { input: { ids: [contentIdea.task.id] } }, owner.token);
    expect(deleteTasks.deletedCount).toBe(1);
    const after = await gqlOk(p, IDEA, { id: ideaIds[2] }, owner.token);
    expect(after.contentIdea).toEqual({ id: ideaIds[2], status: 'NEW', task: null });
  });

  it('lets a viewer read tasks but not change them', async () => {
    const viewer = await addMember(p, owner, 'VIEWER');
    const { tasks } = await gqlOk(p, TASKS, {}, viewer.token);
    expect(tasks.totalCount).toBeGreaterThan(0);
    const res = await p.gql(QUEUE, { input: { ideaIds: [ideaIds[2]] } }, viewer.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses writer work when the account switched the Writer module off', async () => {
    const off = `mutation($input: SetModuleEnabledInput!) { setModuleEnabled(input: $input) { enabledModules } }`;
    await gqlOk(p, off, { input: { module: 'WRITER', enabled: false } }, owner.token);
    try {
      const res = await p.gql(TASKS, {}, owner.token);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.errors?.[0]?.extensions?.module).toBe('writer');
      const queue = await p.gql(QUEUE, { input: { ideaIds: [ideaIds[2]] } }, owner.token);
      expect(queue.errors?.[0]?.extensions?.module).toBe('writer');
    } finally {
      await gqlOk(p, off, { input: { module: 'WRITER', enabled: true } }, owner.token);
    }
  });
});
