// Thinker author profiles.
import { containsPattern, type Tx } from '@igny8/db';
import { authorProfiles } from '@igny8/db/system';
import { and, asc, count, desc, eq, ilike, ne, or, type SQL } from 'drizzle-orm';
import type { ThinkerListQuery } from './list-query.js';

export type AuthorProfileRow = typeof authorProfiles.$inferSelect;

function profileFilter(accountId: string, search: string | undefined): SQL {
  const parts: SQL[] = [eq(authorProfiles.accountId, accountId)];
  if (search) {
    const pattern = containsPattern(search);
    parts.push(
      or(
        ilike(authorProfiles.name, pattern),
        ilike(authorProfiles.tone, pattern),
        ilike(authorProfiles.audience, pattern),
      )!,
    );
  }
  return and(...parts)!;
}

export async function listAuthorProfiles(tx: Tx, accountId: string, q: ThinkerListQuery): Promise<AuthorProfileRow[]> {
  const column = authorProfiles[q.orderBy];
  return tx
    .select()
    .from(authorProfiles)
    .where(profileFilter(accountId, q.search))
    .orderBy(q.descending ? desc(column) : asc(column), asc(authorProfiles.id))
    .limit(q.limit)
    .offset(q.offset);
}

export async function countAuthorProfiles(tx: Tx, accountId: string, search?: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(authorProfiles).where(profileFilter(accountId, search));
  return row?.n ?? 0;
}

export async function findAuthorProfile(tx: Tx, accountId: string, id: string): Promise<AuthorProfileRow | undefined> {
  const [row] = await tx
    .select()
    .from(authorProfiles)
    .where(and(eq(authorProfiles.accountId, accountId), eq(authorProfiles.id, id)));
  return row;
}

export async function insertAuthorProfile(
  tx: Tx,
  values: typeof authorProfiles.$inferInsert,
): Promise<AuthorProfileRow> {
  const [row] = await tx.insert(authorProfiles).values(values).returning();
  return row!;
}

export type AuthorProfileChanges = Partial<
  Pick<AuthorProfileRow, 'name' | 'tone' | 'style' | 'audience' | 'sampleText' | 'isDefault'>
>;

export async function updateAuthorProfile(
  tx: Tx,
  accountId: string,
  id: string,
  changes: AuthorProfileChanges,
): Promise<AuthorProfileRow | undefined> {
  const [row] = await tx
    .update(authorProfiles)
    .set(changes)
    .where(and(eq(authorProfiles.accountId, accountId), eq(authorProfiles.id, id)))
    .returning();
  return row;
}

/** Makes every other profile of the account non-default (before `id` becomes the default). */
export async function clearDefaultAuthorProfile(tx: Tx, accountId: string, exceptId?: string): Promise<void> {
  const parts: SQL[] = [eq(authorProfiles.accountId, accountId), eq(authorProfiles.isDefault, true)];
  if (exceptId) parts.push(ne(authorProfiles.id, exceptId));
  await tx
    .update(authorProfiles)
    .set({ isDefault: false })
    .where(and(...parts));
}

export async function deleteAuthorProfile(tx: Tx, accountId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(authorProfiles)
    .where(and(eq(authorProfiles.accountId, accountId), eq(authorProfiles.id, id)))
    .returning({ id: authorProfiles.id });
  return rows.length > 0;
}
