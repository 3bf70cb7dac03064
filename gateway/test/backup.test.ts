// `npm run backup` / `npm run restore` for the embedded database: back up, change the data, restore,
// and read the old data back — keys and files included; and the refusals that keep data safe.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDataDir, restoreDataDir } from '../src/backup.js';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'igny8-backup-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function withDatabase<T>(dataDir: string, work: (db: PGlite) => Promise<T>): Promise<T> {
  mkdirSync(dataDir, { recursive: true });
  const db = new PGlite(join(dataDir, 'pglite'));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const noteOf = (db: PGlite) =>
  db.query<{ note: string }>('select note from notes order by id').then((r) => r.rows.map((row) => row.note));

describe('backup and restore of the embedded database', () => {
  it('brings back the data, keys and files as they were at the backup', async () => {
    const dataDir = join(scratch, 'round-trip');
    await withDatabase(dataDir, async (db) => {
      await db.exec(
        "create table notes (id serial primary key, note text); insert into notes (note) values ('before')",
      );
    });
    mkdirSync(join(dataDir, 'keys'), { recursive: true });
    writeFileSync(join(dataDir, 'keys', 'service-secret'), 'old secret');
    mkdirSync(join(dataDir, 'files', 'acct'), { recursive: true });
    writeFileSync(join(dataDir, 'files', 'acct', 'image.png'), 'old image');

    const file = join(scratch, 'backup.tar.gz');
    const made = await backupDataDir(dataDir, file);
    expect(made.contents).toEqual(['database.tar.gz', 'keys', 'files']);
    expect(made.bytes).toBeGreaterThan(0);

    // Life goes on after the backup…
    await withDatabase(dataDir, async (db) => {
      await db.exec("update notes set note = 'after'; insert into notes (note) values ('newer')");
    });
    writeFileSync(join(dataDir, 'keys', 'service-secret'), 'new secret');
    rmSync(join(dataDir, 'files', 'acct', 'image.png'));

    // …a restore over an existing database is refused unless asked for…
    await expect(restoreDataDir(file, dataDir)).rejects.toThrow(/already holds a database.*--replace/);
    const { movedAside } = await restoreDataDir(file, dataDir, { replace: true });

    // …and brings back the old data, keys and files.
    expect(await withDatabase(dataDir, noteOf)).toEqual(['before']);
    expect(readFileSync(join(dataDir, 'keys', 'service-secret'), 'utf8')).toBe('old secret');
    expect(readFileSync(join(dataDir, 'files', 'acct', 'image.png'), 'utf8')).toBe('old image');
    // What it replaced is kept aside, not deleted.
    expect(movedAside).toHaveLength(3);
    const asideDatabase = movedAside.find((name) => name.startsWith('pglite.before-restore-'))!;
    const aside = new PGlite(join(dataDir, asideDatabase));
    expect(await noteOf(aside)).toEqual(['after', 'newer']);
    await aside.close();
  });

  it('refuses to back up a database that is open, and says to stop the platform', async () => {
    const dataDir = join(scratch, 'open');
    mkdirSync(dataDir, { recursive: true });
    const db = new PGlite(join(dataDir, 'pglite'));
    await db.exec('create table t (x int)');
    try {
      await expect(backupDataDir(dataDir, join(scratch, 'open.tar.gz'))).rejects.toThrow(/is open: stop the platform/);
      expect(existsSync(join(scratch, 'open.tar.gz'))).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('refuses a file that is no backup, and leaves the data directory as it was', async () => {
    const dataDir = join(scratch, 'bad-file');
    await withDatabase(dataDir, (db) =>
      db.exec("create table notes (id serial primary key, note text); insert into notes (note) values ('kept')"),
    );
    const bogus = join(scratch, 'bogus.tar.gz');
    writeFileSync(bogus, 'this is not a tarball');
    await expect(restoreDataDir(bogus, dataDir, { replace: true })).rejects.toThrow(
      /not a readable backup|not an IGNY8 backup/,
    );
    expect(readdirSync(dataDir)).toEqual(['pglite']);
    expect(await withDatabase(dataDir, noteOf)).toEqual(['kept']);
  });

  it('runs as npm run backup / restore, and points PostgreSQL users to pg_dump', async () => {
    const dataDir = join(scratch, 'cli');
    await withDatabase(dataDir, (db) =>
      db.exec("create table notes (id serial primary key, note text); insert into notes (note) values ('cli')"),
    );
    const file = join(scratch, 'cli.tar.gz');
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    const backup = await run('npm', ['run', '--silent', 'backup', '--', file], { cwd: ROOT, env });
    expect(backup.stdout).toMatch(/Backed up .* to .*cli\.tar\.gz/);
    const restored = join(scratch, 'cli-restored');
    const restore = await run('npm', ['run', '--silent', 'restore', '--', file], {
      cwd: ROOT,
      env: { ...env, DATA_DIR: restored },
    });
    expect(restore.stdout).toMatch(/Restored/);
    expect(await withDatabase(restored, noteOf)).toEqual(['cli']);

    const onPostgres = await run('npm', ['run', '--silent', 'backup'], {
      cwd: ROOT,
      env: { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/anything' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(onPostgres).toMatchObject({ code: 2, stderr: expect.stringMatching(/pg_dump/) });
  });
});
