// An account's writer tasks.
import { anyOf, containsPattern, type Tx } from '@igny8/db';
import { type ContentStructure, type ContentType, type TaskStatus, tasks } from '@igny8/db/writer';
import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';

export type TaskRow = typeof tasks.$inferSelect;
export type NewTask = typeof tasks.$inferInsert;

export interface TaskFilter {
  siteId?: string | null | undefined;
  sectorId?: string | null | undefined;
  clusterId?: string | null | undefined;
  statuses?: readonly TaskStatus[] | null | undefined;
  contentTypes?: readonly ContentType[] | null | undefined;
  contentStructures?: readonly ContentStructure[] | null | undefined;
  search?: string | null | undefined;
  ids?: readonly string[] | null | undefined;
}

export const TASK_ORDER_FIELDS = ['title', 'status', 'wordCountTarget', 'createdAt', 'updatedAt'] as const;
export type TaskOrderField = (typeof TASK_ORDER_FIELDS)[number];

const orderColumns = {
  title: tasks.title,
  status: tasks.status,
  wordCountTarget: tasks.wordCountTarget,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
} as const;

export function taskWhere(accountId: string, f: TaskFilter): SQL {
  const parts: SQL[] = [eq(tasks.accountId, accountId)];
  if (f.siteId) parts.push(eq(tasks.siteId, f.siteId));
  if (f.sectorId) parts.push(eq(tasks.sectorId, f.sectorId));
  if (f.clusterId) parts.push(eq(tasks.clusterId, f.clusterId));
  if (f.statuses?.length) parts.push(inArray(tasks.status, [...f.statuses]));
  if (f.contentTypes?.length) parts.push(inArray(tasks.contentType, [...f.contentTypes]));
  if (f.contentStructures?.length) parts.push(inArray(tasks.contentStructure, [...f.contentStructures]));
  if (f.search) {
    const pattern = containsPattern(f.search);
    parts.push(or(ilike(tasks.title, pattern), ilike(tasks.primaryKeyword, pattern))!);
  }
  if (f.ids) parts.push(anyOf(tasks.id, f.ids, 'uuid'));
  return and(...parts)!;
}

export function listTasks(
  tx: Tx,
  accountId: string,
  filter: TaskFilter,
  order: { field: TaskOrderField; descending: boolean },
  page: { limit: number; offset: number },
): Promise<TaskRow[]> {
  const column = orderColumns[order.field];
  const direction = order.descending ? sql`${column} desc` : sql`${column} asc`;
  return tx
    .select()
    .from(tasks)
    .where(taskWhere(accountId, filter))
    .orderBy(direction, asc(tasks.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countTasks(tx: Tx, accountId: string, filter: TaskFilter): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(tasks).where(taskWhere(accountId, filter));
  return row?.n ?? 0;
}

export async function findTask(tx: Tx, accountId: string, id: string): Promise<TaskRow | undefined> {
  const [row] = await tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.accountId, accountId), eq(tasks.id, id)));
  return row;
}

export function findTasksByIds(tx: Tx, accountId: string, ids: readonly string[]): Promise<TaskRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.accountId, accountId), anyOf(tasks.id, ids, 'uuid')));
}

export function tasksOfIdeas(tx: Tx, accountId: string, ideaIds: readonly string[]): Promise<TaskRow[]> {
  if (ideaIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.accountId, accountId), anyOf(tasks.ideaId, ideaIds, 'uuid')));
}

export function tasksOfClusters(tx: Tx, accountId: string, clusterIds: readonly string[]): Promise<TaskRow[]> {
  if (clusterIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.accountId, accountId), anyOf(tasks.clusterId, clusterIds, 'uuid')))
    .orderBy(asc(tasks.createdAt), asc(tasks.id));
}

/** Inserts tasks; one whose idea already has a task is skipped (the answer leaves it out). */
export function insertTasks(tx: Tx, rows: readonly NewTask[]): Promise<TaskRow[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return tx
    .insert(tasks)
    .values([...rows])
    .onConflictDoNothing({ target: [tasks.accountId, tasks.ideaId] })
    .returning();
}

export type TaskChanges = Partial<
  Pick<
    NewTask,
    | 'title'
    | 'description'
    | 'primaryKeyword'
    | 'secondaryKeywords'
    | 'outline'
    | 'contentType'
    | 'contentStructure'
    | 'wordCountTarget'
    | 'status'
    | 'error'
    | 'contentId'
    | 'clusterId'
    | 'authorProfileId'
    | 'strategyId'
  >
>;

export async function updateTask(tx: Tx, accountId: string, id: string, changes: TaskChanges) {
  const [row] = await tx
    .update(tasks)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(tasks.accountId, accountId), eq(tasks.id, id)))
    .returning();
  return row;
}

export function updateTasks(tx: Tx, accountId: string, ids: readonly string[], changes: TaskChanges) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .update(tasks)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(tasks.accountId, accountId), anyOf(tasks.id, ids, 'uuid')))
    .returning();
}

export function deleteTasks(tx: Tx, accountId: string, ids: readonly string[]): Promise<TaskRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .delete(tasks)
    .where(and(eq(tasks.accountId, accountId), anyOf(tasks.id, ids, 'uuid')))
    .returning();
}
