// The account's module switches, read on every operation of a switchable module.
import type { Tx } from '@igny8/db';
import { accounts, type Module } from '@igny8/db/system';
import { eq } from 'drizzle-orm';

export async function findEnabledModules(tx: Tx, accountId: string): Promise<Module[] | undefined> {
  const [row] = await tx
    .select({ enabledModules: accounts.enabledModules })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row?.enabledModules;
}
