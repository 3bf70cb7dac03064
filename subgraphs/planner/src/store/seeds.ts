// The global seed keyword library: kept in step with the shipped data on start, browsed by
// industry and sector.
import { containsPattern, type Tx } from '@igny8/db';
import { type KeywordIntent, seedKeywords } from '@igny8/db/planner';
import { and, asc, count, desc, eq, gte, ilike, inArray, lte, notInArray, or, type SQL, sql } from 'drizzle-orm';

export type SeedKeywordRow = typeof seedKeywords.$inferSelect;

export interface SeedFilter {
  industrySlug?: string | null | undefined;
  sectorSlugs?: readonly string[] | null | undefined;
  intents?: readonly KeywordIntent[] | null | undefined;
  volumeMin?: number | null | undefined;
  volumeMax?: number | null | undefined;
  difficultyMax?: number | null | undefined;
  search?: string | null | undefined;
  ids?: readonly string[] | null | undefined;
  /** Only these industry sector templates (an empty list matches nothing). */
  templates?: readonly { industrySlug: string; sectorSlug: string }[] | undefined;
}

function seedWhere(f: SeedFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.industrySlug) parts.push(eq(seedKeywords.industrySlug, f.industrySlug));
  if (f.sectorSlugs?.length) parts.push(inArray(seedKeywords.sectorSlug, [...f.sectorSlugs]));
  if (f.intents?.length) parts.push(inArray(seedKeywords.intent, [...f.intents]));
  if (f.volumeMin != null) parts.push(gte(seedKeywords.volume, f.volumeMin));
  if (f.volumeMax != null) parts.push(lte(seedKeywords.volume, f.volumeMax));
  if (f.difficultyMax != null) parts.push(lte(seedKeywords.difficulty, f.difficultyMax));
  if (f.search) parts.push(ilike(seedKeywords.keyword, containsPattern(f.search)));
  if (f.ids) parts.push(inArray(seedKeywords.id, [...f.ids]));
  if (f.templates) {
    parts.push(
      or(
        sql`false`,
        ...f.templates.map((t) =>
          and(eq(seedKeywords.industrySlug, t.industrySlug), eq(seedKeywords.sectorSlug, t.sectorSlug)),
        ),
      )!,
    );
  }
  return parts.length ? and(...parts) : undefined;
}

export function listSeedKeywords(tx: Tx, filter: SeedFilter, page: { limit: number; offset: number }) {
  return tx
    .select()
    .from(seedKeywords)
    .where(seedWhere(filter))
    .orderBy(desc(seedKeywords.volume), asc(seedKeywords.keyword), asc(seedKeywords.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countSeedKeywords(tx: Tx, filter: SeedFilter): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(seedKeywords).where(seedWhere(filter));
  return row?.n ?? 0;
}

export function findSeedKeywords(tx: Tx, filter: SeedFilter): Promise<SeedKeywordRow[]> {
  return tx
    .select()
    .from(seedKeywords)
    .where(seedWhere(filter))
    .orderBy(desc(seedKeywords.volume), asc(seedKeywords.keyword));
}

export type SeedEntry = Omit<SeedKeywordRow, 'id'>;

/** Makes the table hold exactly these entries: new ones added, changed ones updated, dropped ones removed. */
export async function syncSeedKeywords(tx: Tx, entries: readonly SeedEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await tx
      .insert(seedKeywords)
      .values(entries.slice(i, i + 500).map((entry) => ({ ...entry })))
      .onConflictDoUpdate({
        target: [seedKeywords.industrySlug, seedKeywords.sectorSlug, seedKeywords.keyword],
        set: {
          volume: sql`excluded.volume`,
          difficulty: sql`excluded.difficulty`,
          intent: sql`excluded.intent`,
        },
      });
  }
  const keys = entries.map((entry) => `${entry.industrySlug}/${entry.sectorSlug}/${entry.keyword}`);
  await tx
    .delete(seedKeywords)
    .where(
      notInArray(
        sql`${seedKeywords.industrySlug} || '/' || ${seedKeywords.sectorSlug} || '/' || ${seedKeywords.keyword}`,
        keys,
      ),
    );
}
