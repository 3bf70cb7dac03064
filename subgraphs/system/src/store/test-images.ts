// Thinker test images (the image files themselves are in the file storage).
import type { Tx } from '@igny8/db';
import { testImages } from '@igny8/db/system';
import { and, count, desc, eq, inArray } from 'drizzle-orm';

export type TestImageRow = typeof testImages.$inferSelect;
export type NewTestImage = typeof testImages.$inferInsert;

/** Saves the image of a job; a job that already saved one (an earlier attempt) keeps that one. */
export async function insertTestImage(tx: Tx, values: NewTestImage): Promise<TestImageRow> {
  const [inserted] = await tx.insert(testImages).values(values).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const existing = await findTestImageByJob(tx, values.accountId, values.jobId);
  if (!existing) throw new Error(`test image of job ${values.jobId} neither inserted nor found`);
  return existing;
}

export async function findTestImageByJob(tx: Tx, accountId: string, jobId: string): Promise<TestImageRow | undefined> {
  const [row] = await tx
    .select()
    .from(testImages)
    .where(and(eq(testImages.accountId, accountId), eq(testImages.jobId, jobId)));
  return row;
}

export async function findTestImagesByJobs(
  tx: Tx,
  accountId: string,
  jobIds: readonly string[],
): Promise<TestImageRow[]> {
  if (jobIds.length === 0) return [];
  return tx
    .select()
    .from(testImages)
    .where(and(eq(testImages.accountId, accountId), inArray(testImages.jobId, [...jobIds])));
}

export async function findTestImage(tx: Tx, accountId: string, id: string): Promise<TestImageRow | undefined> {
  const [row] = await tx
    .select()
    .from(testImages)
    .where(and(eq(testImages.accountId, accountId), eq(testImages.id, id)));
  return row;
}

/** Newest first. */
export async function listTestImages(
  tx: Tx,
  accountId: string,
  page: { limit: number; offset: number },
): Promise<TestImageRow[]> {
  return tx
    .select()
    .from(testImages)
    .where(eq(testImages.accountId, accountId))
    .orderBy(desc(testImages.createdAt), desc(testImages.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countTestImages(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(testImages).where(eq(testImages.accountId, accountId));
  return row?.n ?? 0;
}
