// Thinker strategies.
import { containsPattern, type Tx } from '@igny8/db';
import { strategies } from '@igny8/db/system';
import { and, asc, count, desc, eq, ilike, ne, or, type SQL } from 'drizzle-orm';
import type { ThinkerListQuery } from './list-query.js';

export type StrategyRow = typeof strategies.$inferSelect;

function strategyFilter(accountId: string, search: string | undefined): SQL {
  const parts: SQL[] = [eq(strategies.accountId, accountId)];
  if (search) {
    const pattern = containsPattern(search);
    parts.push(or(ilike(strategies.name, pattern), ilike(strategies.description, pattern))!);
  }
  return and(...parts)!;
}

export async function listStrategies(tx: Tx, accountId: string, q: ThinkerListQuery): Promise<StrategyRow[]> {
  const column = strategies[q.orderBy];
  return tx
    .select()
    .from(strategies)
    .where(strategyFilter(accountId, q.search))
    .orderBy(q.descending ? desc(column) : asc(column), asc(strategies.id))
    .limit(q.limit)
    .offset(q.offset);
}

export async function countStrategies(tx: Tx, accountId: string, search?: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(strategies).where(strategyFilter(accountId, search));
  return row?.n ?? 0;
}

export async function findStrategy(tx: Tx, accountId: string, id: string): Promise<StrategyRow | undefined> {
  const [row] = await tx
    .select()
    .from(strategies)
    .where(and(eq(strategies.accountId, accountId), eq(strategies.id, id)));
  return row;
}

export async function insertStrategy(tx: Tx, values: typeof strategies.$inferInsert): Promise<StrategyRow> {
  const [row] = await tx.insert(strategies).values(values).returning();
  return row!;
}

export type StrategyChanges = Partial<
  Pick<StrategyRow, 'name' | 'description' | 'contentTypes' | 'rules' | 'minWords' | 'maxWords' | 'isDefault'>
>;

export async function updateStrategy(
  tx: Tx,
  accountId: string,
  id: string,
  changes: StrategyChanges,
): Promise<StrategyRow | undefined> {
  const [row] = await tx
    .update(strategies)
    .set(changes)
    .where(and(eq(strategies.accountId, accountId), eq(strategies.id, id)))
    .returning();
  return row;
}

/** Makes every other strategy of the account non-default (before `id` becomes the default). */
export async function clearDefaultStrategy(tx: Tx, accountId: string, exceptId?: string): Promise<void> {
  const parts: SQL[] = [eq(strategies.accountId, accountId), eq(strategies.isDefault, true)];
  if (exceptId) parts.push(ne(strategies.id, exceptId));
  await tx
    .update(strategies)
    .set({ isDefault: false })
    .where(and(...parts));
}

export async function deleteStrategy(tx: Tx, accountId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(strategies)
    .where(and(eq(strategies.accountId, accountId), eq(strategies.id, id)))
    .returning({ id: strategies.id });
  return rows.length > 0;
}
