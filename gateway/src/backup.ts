// Backups of the embedded platform (`npm run backup` / `npm run restore`): one .tar.gz holding the
// PGlite database (its own consistent dump, `dumpDataDir`), the signing keys and service secret
// (DATA_DIR/keys: tokens, file links and stored AI keys depend on them) and the stored files
// (DATA_DIR/files). Taken while the platform is stopped: PGlite is one process's database.
// A restore never deletes: what it replaces is moved aside as `<name>.before-restore-<time>`.
// PostgreSQL deployments back up with pg_dump instead (README, "Backups").
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import * as tar from 'tar';

const FORMAT = 'igny8-backup';
const VERSION = 1;
const DATABASE_DUMP = 'database.tar.gz';
/** DATA_DIR entries a backup carries beside the database. */
const KEPT = ['keys', 'files'] as const;

interface Manifest {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  contents: string[];
}

/** A backup or restore that cannot go ahead, with what to do about it. */
export class BackupError extends Error {}

function refuseWhileOpen(databaseDir: string) {
  if (existsSync(join(databaseDir, 'postmaster.pid'))) {
    throw new BackupError(
      `The database in ${databaseDir} is open: stop the platform first (Ctrl-C or SIGTERM), then run this again. ` +
        'If it is not running, it did not stop cleanly: start it once and stop it.',
    );
  }
}

async function withScratch<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'igny8-backup-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes DATA_DIR's database, keys and files into `file` (.tar.gz); answers its size. */
export async function backupDataDir(dataDir: string, file: string): Promise<{ bytes: number; contents: string[] }> {
  const databaseDir = join(dataDir, 'pglite');
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    throw new BackupError(`There is no embedded database in ${databaseDir}: check DATA_DIR.`);
  }
  refuseWhileOpen(databaseDir);
  return withScratch(async (scratch) => {
    const db = new PGlite(databaseDir);
    try {
      // dumpDataDir on an instance that has not finished starting never answers.
      await db.waitReady;
      const dump = await db.dumpDataDir('gzip');
      await writeFile(join(scratch, DATABASE_DUMP), Buffer.from(await dump.arrayBuffer()));
    } finally {
      await db.close();
    }
    const contents: string[] = [DATABASE_DUMP];
    for (const name of KEPT) {
      if (!existsSync(join(dataDir, name))) continue;
      await cp(join(dataDir, name), join(scratch, name), { recursive: true });
      contents.push(name);
    }
    const manifest: Manifest = { format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), contents };
    await writeFile(join(scratch, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await tar.create({ gzip: true, file, cwd: scratch, portable: true }, ['manifest.json', ...contents]);
    return { bytes: (await stat(file)).size, contents };
  });
}

/**
 * Puts a backup back into DATA_DIR. Refuses to replace an existing database unless `replace` is
 * given; then the database, keys and files there are moved aside, not deleted.
 */
export async function restoreDataDir(
  file: string,
  dataDir: string,
  options: { replace?: boolean } = {},
): Promise<{ movedAside: string[] }> {
  const databaseDir = join(dataDir, 'pglite');
  if (existsSync(databaseDir)) {
    refuseWhileOpen(databaseDir);
    if (!options.replace) {
      throw new BackupError(
        `${dataDir} already holds a database. To replace it with the backup, run the restore again with --replace ` +
          '(the current database, keys and files are moved aside, not deleted).',
      );
    }
  }
  if (!existsSync(file)) throw new BackupError(`No backup at ${file}.`);
  return withScratch(async (scratch) => {
    try {
      await tar.extract({ file, cwd: scratch, strict: true });
    } catch (error) {
      throw new BackupError(`${file} is not a readable backup (${(error as Error).message}).`);
    }
    const manifest = await readFile(join(scratch, 'manifest.json'), 'utf8')
      .then((text) => JSON.parse(text) as Manifest)
      .catch(() => null);
    if (manifest?.format !== FORMAT || !existsSync(join(scratch, DATABASE_DUMP))) {
      throw new BackupError(`${file} is not an IGNY8 backup (made by npm run backup).`);
    }
    if (manifest.version > VERSION) {
      throw new BackupError(`${file} was made by a newer IGNY8 (backup format ${manifest.version}): update first.`);
    }

    await mkdir(dataDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const movedAside: string[] = [];
    for (const name of ['pglite', ...KEPT]) {
      if (!existsSync(join(dataDir, name))) continue;
      const aside = `${name}.before-restore-${stamp}`;
      await rename(join(dataDir, name), join(dataDir, aside));
      movedAside.push(aside);
    }
    const dump = new Blob([await readFile(join(scratch, DATABASE_DUMP))]);
    const db = new PGlite(databaseDir, { loadDataDir: dump });
    try {
      await db.query('select 1');
    } finally {
      await db.close();
    }
    for (const name of KEPT) {
      if (manifest.contents.includes(name)) await cp(join(scratch, name), join(dataDir, name), { recursive: true });
    }
    return { movedAside };
  });
}
