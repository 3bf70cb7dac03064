// Credit balances: one row per account, two pools and what running jobs hold. Every change is
// one UPDATE whose WHERE keeps the available credits from going below zero (the CHECKs on the
// table are the backstop).
import type { Tx } from '@igny8/db';
import { creditAccounts } from '@igny8/db/billing';
import { and, eq, sql } from 'drizzle-orm';

export type CreditAccountRow = typeof creditAccounts.$inferSelect;

const available = sql`${creditAccounts.planCredits} + ${creditAccounts.bonusCredits} - ${creditAccounts.reserved}`;

export async function findCreditAccount(tx: Tx, accountId: string): Promise<CreditAccountRow | undefined> {
  const [row] = await tx.select().from(creditAccounts).where(eq(creditAccounts.accountId, accountId));
  return row;
}

/** Inserts the account's row unless it exists; true when this call created it. */
export async function insertCreditAccountIfAbsent(tx: Tx, accountId: string, planCredits: number): Promise<boolean> {
  const rows = await tx
    .insert(creditAccounts)
    .values({ accountId, planCredits })
    .onConflictDoNothing({ target: creditAccounts.accountId })
    .returning({ accountId: creditAccounts.accountId });
  return rows.length === 1;
}

/** Sets `credits` aside when that many are available; undefined (nothing changed) otherwise. */
export async function reserveIfAvailable(
  tx: Tx,
  accountId: string,
  credits: number,
): Promise<CreditAccountRow | undefined> {
  const [row] = await tx
    .update(creditAccounts)
    .set({ reserved: sql`${creditAccounts.reserved} + ${credits}::integer`, updatedAt: sql`now()` })
    .where(and(eq(creditAccounts.accountId, accountId), sql`${available} >= ${credits}::integer`))
    .returning();
  return row;
}

/** Gives held credits back. */
export async function unreserve(tx: Tx, accountId: string, credits: number): Promise<CreditAccountRow> {
  const [row] = await tx
    .update(creditAccounts)
    .set({ reserved: sql`${creditAccounts.reserved} - ${credits}::integer`, updatedAt: sql`now()` })
    .where(eq(creditAccounts.accountId, accountId))
    .returning();
  return row!;
}

/**
 * Settles a hold: frees the `held` credits and charges `charged` of them, from the plan pool
 * first, then the bonus pool (SET expressions all see the row as it was).
 */
export async function chargeHeld(tx: Tx, accountId: string, held: number, charged: number): Promise<CreditAccountRow> {
  const fromPlan = sql`least(${creditAccounts.planCredits}, ${charged}::integer)`;
  const [row] = await tx
    .update(creditAccounts)
    .set({
      reserved: sql`${creditAccounts.reserved} - ${held}::integer`,
      planCredits: sql`${creditAccounts.planCredits} - ${fromPlan}`,
      bonusCredits: sql`${creditAccounts.bonusCredits} - (${charged}::integer - ${fromPlan})`,
      updatedAt: sql`now()`,
    })
    .where(eq(creditAccounts.accountId, accountId))
    .returning();
  return row!;
}

/** Adds credits to the bonus pool (they never expire). */
export async function addBonus(tx: Tx, accountId: string, credits: number): Promise<CreditAccountRow> {
  const [row] = await tx
    .update(creditAccounts)
    .set({ bonusCredits: sql`${creditAccounts.bonusCredits} + ${credits}::integer`, updatedAt: sql`now()` })
    .where(eq(creditAccounts.accountId, accountId))
    .returning();
  return row!;
}

/**
 * Takes credits away, from the bonus pool first, then the plan pool — only when that many are
 * available (held credits stay untouched); undefined (nothing changed) otherwise.
 */
export async function removeIfAvailable(
  tx: Tx,
  accountId: string,
  credits: number,
): Promise<CreditAccountRow | undefined> {
  const fromBonus = sql`least(${creditAccounts.bonusCredits}, ${credits}::integer)`;
  const [row] = await tx
    .update(creditAccounts)
    .set({
      bonusCredits: sql`${creditAccounts.bonusCredits} - ${fromBonus}`,
      planCredits: sql`${creditAccounts.planCredits} - (${credits}::integer - ${fromBonus})`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(creditAccounts.accountId, accountId), sql`${available} >= ${credits}::integer`))
    .returning();
  return row;
}
