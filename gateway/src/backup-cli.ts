// `npm run backup [-- <file>]` and `npm run restore -- <file> [--replace]` for the embedded
// database under DATA_DIR (default .data). With DATABASE_URL set the database is PostgreSQL's:
// back it up with pg_dump (README, "Backups").
import { resolve } from 'node:path';
import { BackupError, backupDataDir, restoreDataDir } from './backup.js';

const [command, ...rest] = process.argv.slice(2);
const dataDir = resolve(process.env.DATA_DIR || '.data');
const file = rest.find((arg) => !arg.startsWith('--'));

async function main(): Promise<number> {
  if (process.env.DATABASE_URL) {
    console.error(
      'DATABASE_URL is set: the database is PostgreSQL. Back it up with pg_dump (see the README, "Backups"); ' +
        `copy ${dataDir}/keys and ${dataDir}/files beside it.`,
    );
    return 2;
  }
  if (command === 'backup') {
    const target = resolve(
      file ?? `igny8-backup-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.tar.gz`,
    );
    const { bytes, contents } = await backupDataDir(dataDir, target);
    console.log(`Backed up ${dataDir} (${contents.join(', ')}) to ${target} (${(bytes / 1_048_576).toFixed(1)} MiB).`);
    return 0;
  }
  if (command === 'restore' && file) {
    const { movedAside } = await restoreDataDir(resolve(file), dataDir, { replace: rest.includes('--replace') });
    console.log(`Restored ${resolve(file)} into ${dataDir}.`);
    if (movedAside.length) console.log(`What it replaced was moved aside: ${movedAside.join(', ')}.`);
    return 0;
  }
  console.error('Usage: npm run backup [-- <file>]   |   npm run restore -- <file> [--replace]');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof BackupError ? error.message : error);
    process.exit(1);
  },
);
