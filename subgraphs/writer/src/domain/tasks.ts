// Writer tasks: one per idea queued from the planner, or made by hand; each becomes an article.
import type { ContentStructure, ContentType, OutlineSection, TaskStatus } from '@igny8/db/writer';
import { BadUserInputError, type Caller, type ListOrder, NotFoundError, type PageWindow, pageOf } from '@igny8/lib';
import type { TaskFilter, TaskOrderField, TaskRow } from '../store/tasks.js';
import * as tasksStore from '../store/tasks.js';
import { inWriter, placeOf, writerWorkspace } from './access.js';
import type { PlannerIdea, WriterServices } from './services.js';

export type { TaskFilter, TaskOrderField, TaskRow } from '../store/tasks.js';
export { TASK_ORDER_FIELDS } from '../store/tasks.js';

/** The structure an idea's content type calls for (a person can change it on the task). */
export const STRUCTURE_OF_TYPE: Record<ContentType, ContentStructure> = {
  post: 'article',
  page: 'landing_page',
  product: 'product_page',
  guide: 'guide',
  comparison: 'comparison',
  review: 'review',
  listicle: 'listicle',
  how_to: 'how_to',
};

const DEFAULT_WORDS = 1200;
const clampWords = (words: number) => Math.min(10_000, Math.max(300, Math.round(words)));

export interface TaskListInput {
  filter: TaskFilter;
  orderBy?: ListOrder<TaskOrderField> | null | undefined;
  page: PageWindow;
}

export function listTasks(s: WriterServices, caller: Caller, { filter, orderBy, page }: TaskListInput) {
  const accountId = caller.accountId;
  const order = { field: orderBy?.field ?? 'createdAt', descending: (orderBy?.direction ?? 'desc') === 'desc' };
  return inWriter(s, caller, (tx) =>
    pageOf(
      page,
      () => tasksStore.countTasks(tx, accountId, filter),
      (range) => tasksStore.listTasks(tx, accountId, filter, order, range),
    ),
  );
}

export function getTask(s: WriterServices, caller: Caller, id: string): Promise<TaskRow> {
  return inWriter(s, caller, async (tx) => {
    const row = await tasksStore.findTask(tx, caller.accountId, id);
    if (!row) throw new NotFoundError('Task', id);
    return row;
  });
}

export function tasksByIds(s: WriterServices, caller: Caller, ids: readonly string[]): Promise<TaskRow[]> {
  return s.database.tenant(caller.accountId, (tx) => tasksStore.findTasksByIds(tx, caller.accountId, ids));
}

/** The task of each idea, in the order asked for (null where an idea has none). */
export async function tasksOfIdeas(s: WriterServices, caller: Caller, ideaIds: readonly string[]) {
  const rows = await s.database.tenant(caller.accountId, (tx) =>
    tasksStore.tasksOfIdeas(tx, caller.accountId, ideaIds),
  );
  const byIdea = new Map(rows.map((row) => [row.ideaId, row]));
  return ideaIds.map((id) => byIdea.get(id) ?? null);
}

/** The tasks of each cluster, in the order asked for. */
export async function tasksOfClusters(s: WriterServices, caller: Caller, clusterIds: readonly string[]) {
  const rows = await s.database.tenant(caller.accountId, (tx) =>
    tasksStore.tasksOfClusters(tx, caller.accountId, clusterIds),
  );
  return clusterIds.map((id) => rows.filter((row) => row.clusterId === id));
}

export interface TaskInput {
  title: string;
  description?: string | null;
  primaryKeyword: string;
  secondaryKeywords?: string[] | null;
  outline?: OutlineSection[] | null;
  contentType?: ContentType | null;
  contentStructure?: ContentStructure | null;
  wordCountTarget?: number | null;
  clusterId?: string | null;
  authorProfileId?: string | null;
  strategyId?: string | null;
}

const cleanKeywords = (primary: string, list: readonly string[]) =>
  [...new Set(list.map((k) => k.trim().toLowerCase()).filter(Boolean))].filter((k) => k !== primary);

/** Makes a task by hand in a site and sector. */
export async function createTask(
  s: WriterServices,
  caller: Caller,
  place: { siteId: string; sectorId: string },
  input: TaskInput,
): Promise<TaskRow> {
  const workspace = await writerWorkspace(s, caller, place);
  const { siteId, sectorId } = placeOf(workspace);
  // Checks the author profile and strategy are the account's (NOT_FOUND otherwise).
  if (input.authorProfileId || input.strategyId) {
    await s.system.aiSetup(
      caller.accountId,
      { promptType: 'content', authorProfileId: input.authorProfileId, strategyId: input.strategyId },
      caller.requestId,
    );
  }
  const contentType = input.contentType ?? 'post';
  const primaryKeyword = input.primaryKeyword.trim().toLowerCase();
  return s.database.tenant(caller.accountId, async (tx) => {
    const [row] = await tasksStore.insertTasks(tx, [
      {
        accountId: caller.accountId,
        siteId,
        sectorId,
        clusterId: input.clusterId ?? null,
        title: input.title,
        description: input.description ?? '',
        primaryKeyword,
        secondaryKeywords: cleanKeywords(primaryKeyword, input.secondaryKeywords ?? []),
        outline: input.outline ?? [],
        contentType,
        contentStructure: input.contentStructure ?? STRUCTURE_OF_TYPE[contentType],
        wordCountTarget: input.wordCountTarget ?? DEFAULT_WORDS,
        authorProfileId: input.authorProfileId ?? null,
        strategyId: input.strategyId ?? null,
        createdBy: caller.userId,
      },
    ]);
    return row!;
  });
}

export type TaskUpdate = { [K in keyof Omit<TaskInput, 'clusterId'>]?: TaskInput[K] | null };

/** Changes a task's brief; a task being written cannot change under the writer. */
export function updateTask(s: WriterServices, caller: Caller, id: string, input: TaskUpdate): Promise<TaskRow> {
  return inWriter(s, caller, async (tx) => {
    const row = await tasksStore.findTask(tx, caller.accountId, id);
    if (!row) throw new NotFoundError('Task', id);
    if (row.status === 'in_progress') {
      throw BadUserInputError.field('id', 'is being written right now: change it when the job has finished');
    }
    const primaryKeyword = input.primaryKeyword?.trim().toLowerCase() ?? row.primaryKeyword;
    const changes: tasksStore.TaskChanges = {};
    if (input.title != null) changes.title = input.title;
    if (input.description != null) changes.description = input.description;
    if (input.primaryKeyword != null) changes.primaryKeyword = primaryKeyword;
    if (input.secondaryKeywords != null || input.primaryKeyword != null) {
      changes.secondaryKeywords = cleanKeywords(primaryKeyword, input.secondaryKeywords ?? row.secondaryKeywords);
    }
    if (input.outline != null) changes.outline = input.outline;
    if (input.contentType != null) changes.contentType = input.contentType;
    if (input.contentStructure != null) changes.contentStructure = input.contentStructure;
    if (input.wordCountTarget != null) changes.wordCountTarget = input.wordCountTarget;
    if (input.authorProfileId !== undefined) changes.authorProfileId = input.authorProfileId;
    if (input.strategyId !== undefined) changes.strategyId = input.strategyId;
    return (await tasksStore.updateTask(tx, caller.accountId, id, changes))!;
  });
}

/** Sets the status of many tasks (QUEUED to write again, COMPLETED, FAILED); not while one is being written. */
export function setTasksStatus(s: WriterServices, caller: Caller, ids: readonly string[], status: TaskStatus) {
  if (status === 'in_progress') {
    throw BadUserInputError.field(
      'status',
      'IN_PROGRESS is set by the writing job; choose QUEUED, COMPLETED or FAILED',
    );
  }
  return inWriter(s, caller, async (tx) => {
    const rows = await tasksStore.findTasksByIds(tx, caller.accountId, ids);
    const busy = rows.find((row) => row.status === 'in_progress');
    if (busy) throw BadUserInputError.field('ids', `"${busy.title}" is being written right now`);
    return tasksStore.updateTasks(tx, caller.accountId, ids, {
      status,
      ...(status === 'failed' ? {} : { error: null }),
    });
  });
}

/** Deletes tasks; the ideas of those that had no article yet become NEW again in the planner. */
export async function deleteTasks(s: WriterServices, caller: Caller, ids: readonly string[]): Promise<number> {
  const deleted = await inWriter(s, caller, async (tx) => {
    const rows = await tasksStore.findTasksByIds(tx, caller.accountId, ids);
    const busy = rows.find((row) => row.status === 'in_progress');
    if (busy) throw BadUserInputError.field('ids', `"${busy.title}" is being written right now`);
    return tasksStore.deleteTasks(tx, caller.accountId, ids);
  });
  const reopened = deleted.filter((row) => row.ideaId && !row.contentId).map((row) => row.ideaId!);
  await s.planner.markIdeas(caller.accountId, reopened, 'new', caller.requestId);
  return deleted.length;
}

export interface QueueResult {
  tasks: TaskRow[];
  /** Ideas that were not queued, and why. */
  skipped: { ideaId: string; reason: string }[];
}

/** The task an idea becomes: its title, outline, keywords and length, in its site and sector. */
export function taskFromIdea(accountId: string, idea: PlannerIdea, userId: string | null): tasksStore.NewTask {
  const [primary = idea.title.toLowerCase(), ...secondary] = idea.targetKeywords;
  return {
    accountId,
    siteId: idea.siteId,
    sectorId: idea.sectorId,
    clusterId: idea.clusterId,
    ideaId: idea.id,
    title: idea.title,
    description: idea.description,
    primaryKeyword: primary,
    secondaryKeywords: cleanKeywords(primary, secondary),
    outline: idea.outline,
    contentType: idea.contentType,
    contentStructure: STRUCTURE_OF_TYPE[idea.contentType],
    wordCountTarget: clampWords(idea.estimatedWordCount || DEFAULT_WORDS),
    authorProfileId: idea.authorProfileId,
    strategyId: idea.strategyId,
    createdBy: userId,
  };
}

/**
 * Queues ideas to the writer: one task per idea, the idea QUEUED in the planner. An idea that
 * already has a task, or is another account's, is reported in `skipped`, not queued twice.
 */
export async function queueIdeas(s: WriterServices, caller: Caller, ideaIds: readonly string[]): Promise<QueueResult> {
  await writerWorkspace(s, caller);
  const wanted = [...new Set(ideaIds)];
  const ideas = await s.planner.ideas(caller.accountId, wanted, caller.requestId);
  const found = new Map(ideas.map((idea) => [idea.id, idea]));
  const skipped: QueueResult['skipped'] = wanted
    .filter((id) => !found.has(id))
    .map((ideaId) => ({ ideaId, reason: 'No such idea in your account' }));
  const created = await s.database.tenant(caller.accountId, async (tx) => {
    const existing = new Set(
      (await tasksStore.tasksOfIdeas(tx, caller.accountId, [...found.keys()])).map((row) => row.ideaId),
    );
    for (const id of existing) skipped.push({ ideaId: id!, reason: 'Already queued to the writer' });
    const rows = ideas
      .filter((idea) => !existing.has(idea.id))
      .map((idea) => taskFromIdea(caller.accountId, idea, caller.userId));
    return tasksStore.insertTasks(tx, rows);
  });
  // Re-marking ideas that already had a task repairs a status an earlier, interrupted call left NEW.
  await s.planner.markIdeas(
    caller.accountId,
    ideas.filter((idea) => idea.status === 'new').map((idea) => idea.id),
    'queued',
    caller.requestId,
  );
  return { tasks: created, skipped };
}
