// After the whole test run on PostgreSQL (where every suite shares one database): every account's
// credit ledger must still sum to its balance. On PGlite each suite has its own database, and the
// platform harness checks it when the suite closes it.
import { ledgerMismatches } from '@igny8/billing';
import { createDatabase } from '@igny8/db';

export default function setup() {
  return async function teardown() {
    const url = process.env.DATABASE_URL;
    if (!url) return;
    const database = createDatabase({ url, poolSize: 1 });
    try {
      const mismatches = await database.system((tx) => ledgerMismatches(tx));
      if (mismatches.length) {
        throw new Error(`Credit ledgers that do not sum to their balance: ${JSON.stringify(mismatches)}`);
      }
      console.log('ledger check: every account’s ledger sums to its balance');
    } finally {
      await database.close();
    }
  };
}
