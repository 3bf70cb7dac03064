// Keyword CSV import on PostgreSQL: 100,000 rows through the planner's import (streamed parse,
// normalisation, in-file and in-sector dedupe, intent rules, plan-limit check, batched inserts in
// their own transactions, all under RLS) as rows/s, next to a raw `COPY … FROM STDIN (FORMAT csv)`
// of the same bytes into a scratch table with no indexes — the floor any import pays. Rounds
// alternate A/B/A/B; each import round writes into a fresh sector so every row is new.
// Then the export of those rows (the planner's CSV export, streamed into a file) next to a raw
// `COPY (select …) TO STDOUT (FORMAT csv)` of the same columns, with the export's peak heap growth.
//
//   node --import tsx bench/import.ts
//
// Knobs (env): BENCH_IMPORT_ROWS (100000), BENCH_IMPORT_ROUNDS (2), BENCH_POSTGRES_URL
// (postgres://postgres@127.0.0.1:5432/postgres: where the throwaway database igny8_bench_import_<pid>
// is created, and dropped after), BENCH_RESULTS (bench/results/latest.json, section `import`).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDatabase, type Database, newId } from '@igny8/db';
import { callerFrom, createLogger, type JobRuntime, subgraphFiles } from '@igny8/lib';
import { exportKeywordsCsv } from '@igny8/planner/exports';
import { importKeywords } from '@igny8/planner/import';
import postgres from 'postgres';
import { addResults, fmt } from './results.js';

const ENV = process.env;
const ROWS = Number(ENV.BENCH_IMPORT_ROWS ?? 100_000);
const ROUNDS = Number(ENV.BENCH_IMPORT_ROUNDS ?? 2);
const ADMIN_URL = ENV.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const HEADS = ['garden', 'tomato', 'coffee', 'dog', 'running shoes', 'mortgage', 'laptop', 'skincare', 'hotel', 'yoga'];
const MODIFIERS = [
  'best',
  'how to choose',
  'buy',
  'cheap',
  'review',
  'ideas for',
  'near me',
  'vs',
  'guide to',
  'price of',
];

/** ROWS unique keyword rows as a keyword research export would have them, in 64 KiB chunks. */
function csvChunks(): Buffer[] {
  const lines = ['Keyword,Search Volume,KD,CPC,Intent'];
  for (let i = 0; i < ROWS; i++) {
    const head = HEADS[i % HEADS.length]!;
    const modifier = MODIFIERS[Math.floor(i / HEADS.length) % MODIFIERS.length]!;
    lines.push(
      `${modifier} ${head} ${i.toString(36)},${(i * 37) % 50_000},${i % 101},${((i % 900) / 100).toFixed(2)},`,
    );
  }
  const text = Buffer.from(`${lines.join('\n')}\n`);
  const chunks: Buffer[] = [];
  for (let at = 0; at < text.length; at += 65_536) chunks.push(text.subarray(at, at + 65_536));
  return chunks;
}

/** The planner's services for import and export: the system subgraph's answer is fixed, no jobs run. */
function importServices(database: Database, accountId: string, siteId: string, sectorId: string, dataDir: string) {
  const workspace = {
    accountId,
    enabledModules: ['planner' as const],
    planSlug: 'enterprise',
    maxKeywords: 10_000_000,
    site: {
      id: siteId,
      name: 'Bench',
      domain: 'bench.example',
      language: 'en',
      isActive: true,
      industrySlug: null,
      industryName: null,
    },
    sector: { id: sectorId, siteId, name: 'Bench', isActive: true, sectorSlug: null },
  };
  return {
    database,
    log: createLogger('bench-import', 'warn'),
    jobs: null as unknown as JobRuntime,
    files: subgraphFiles('planner', dataDir, randomBytes(32)),
    system: {
      workspace: async () => workspace,
      aiSetup: async () => {
        throw new Error('not used');
      },
    },
  };
}

async function main() {
  const admin = postgres(ADMIN_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
  const name = `igny8_bench_import_${process.pid}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = createDatabase({ url: url.toString() });
  const copyClient = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const dataDir = mkdtempSync(join(tmpdir(), 'igny8-bench-export-'));
  try {
    await database.migrate();
    await copyClient.unsafe(
      'create table bench_copy (keyword text, volume integer, difficulty integer, cpc numeric, intent text)',
    );
    const chunks = csvChunks();
    const bytes = chunks.reduce((n, c) => n + c.length, 0);
    console.log(
      `import: ${fmt(ROWS)} CSV rows (${fmt(bytes / 1_048_576, 1)} MiB) on PostgreSQL, ${ROUNDS} rounds alternating ` +
        'planner import / raw COPY',
    );
    const accountId = newId();
    const runs: { round: number; importSeconds: number; copySeconds: number; added: number; heapMiB: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const siteId = newId();
      const sectorId = newId();
      const services = importServices(database, accountId, siteId, sectorId, dataDir);
      const heapBefore = process.memoryUsage().heapUsed;
      let heapPeak = heapBefore;
      const sampler = setInterval(() => {
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }, 50);
      const started = performance.now();
      const report = await importKeywords(
        services,
        callerFrom({ accountId, userId: newId(), role: 'owner', scopes: ['read', 'write'] }, 'bench'),
        { siteId, sectorId },
        { kind: 'csv', data: Readable.from(chunks) },
      );
      const importSeconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      if (report.added !== ROWS || report.rejected !== 0) {
        throw new Error(`import round ${round}: added ${report.added}, rejected ${report.rejected} of ${ROWS}`);
      }

      await copyClient.unsafe('truncate bench_copy');
      const copyStarted = performance.now();
      const sink = await copyClient`copy bench_copy from stdin with (format csv, header true)`.writable();
      await pipeline(Readable.from(chunks), sink);
      const copySeconds = (performance.now() - copyStarted) / 1000;
      const [counted] = await copyClient`select count(*)::int as n from bench_copy`;
      const n = counted?.n;
      if (n !== ROWS) throw new Error(`COPY round ${round}: ${n} rows of ${ROWS}`);

      const heapMiB = (heapPeak - heapBefore) / 1_048_576;
      runs.push({ round, importSeconds, copySeconds, added: report.added, heapMiB });
      console.log(
        `  round ${round}  import ${fmt(ROWS / importSeconds).padStart(7)} rows/s (${fmt(importSeconds, 2)} s, heap +${fmt(heapMiB, 1)} MiB)` +
          `   COPY ${fmt(ROWS / copySeconds).padStart(8)} rows/s (${fmt(copySeconds, 2)} s)`,
      );
    }
    const importRate = (ROWS * runs.length) / runs.reduce((s, r) => s + r.importSeconds, 0);
    const copyRate = (ROWS * runs.length) / runs.reduce((s, r) => s + r.copySeconds, 0);
    console.log(
      `\n  planner import ${fmt(importRate)} rows/s, raw COPY ${fmt(copyRate)} rows/s: import / COPY = ${fmt((importRate / copyRate) * 100, 1)} %`,
    );
    const exported = await benchExport(database, copyClient, accountId, dataDir);
    addResults('import', {
      date: new Date().toISOString(),
      rows: ROWS,
      rounds: ROUNDS,
      runs,
      importRowsPerSecond: importRate,
      copyRowsPerSecond: copyRate,
      importOverCopy: importRate / copyRate,
      export: exported,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await copyClient.end({ timeout: 5 });
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

/** The last round's sector exported ROUNDS times, alternating with a raw COPY TO of the same rows. */
async function benchExport(database: Database, copyClient: postgres.Sql, accountId: string, dataDir: string) {
  const [last] = await copyClient`select site_id, sector_id from planner.keywords order by created_at desc limit 1`;
  const { site_id: siteId, sector_id: sectorId } = last as { site_id: string; sector_id: string };
  const services = importServices(database, accountId, siteId, sectorId, dataDir);
  const caller = callerFrom({ accountId, userId: newId(), role: 'owner', scopes: ['read', 'write'] }, 'bench');
  const runs: { exportSeconds: number; copySeconds: number; bytes: number; heapMiB: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 20);
    const started = performance.now();
    const file = await exportKeywordsCsv(services, caller, { siteId, sectorId });
    const exportSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (file.rows !== ROWS) throw new Error(`export round ${round}: ${file.rows} rows of ${ROWS}`);

    const copyStarted = performance.now();
    // COPY takes no parameters: the sector id is a uuid this bench made.
    const source = await copyClient
      .unsafe(
        `copy (select keyword, volume, difficulty, cpc_cents, intent, status, cluster_id, country, language, source,
          created_at from planner.keywords where sector_id = '${sectorId}' order by id) to stdout with (format csv, header true)`,
      )
      .readable();
    await pipeline(source, new Writable({ write: (_chunk, _encoding, done) => done() }));
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const heapMiB = (heapPeak - heapBefore) / 1_048_576;
    runs.push({ exportSeconds, copySeconds, bytes: file.bytes, heapMiB });
    console.log(
      `  export ${round}  ${fmt(ROWS / exportSeconds).padStart(7)} rows/s (${fmt(exportSeconds, 2)} s, ${fmt(file.bytes / 1_048_576, 1)} MiB file, heap +${fmt(heapMiB, 1)} MiB)` +
        `   COPY TO ${fmt(ROWS / copySeconds).padStart(8)} rows/s (${fmt(copySeconds, 2)} s)`,
    );
  }
  const exportRate = (ROWS * runs.length) / runs.reduce((s, r) => s + r.exportSeconds, 0);
  const copyRate = (ROWS * runs.length) / runs.reduce((s, r) => s + r.copySeconds, 0);
  console.log(
    `\n  planner export ${fmt(exportRate)} rows/s, raw COPY TO ${fmt(copyRate)} rows/s: export / COPY = ${fmt((exportRate / copyRate) * 100, 1)} %` +
      ' (peak heap growth counts garbage not yet collected)',
  );
  return { runs, exportRowsPerSecond: exportRate, copyRowsPerSecond: copyRate };
}

await main();
