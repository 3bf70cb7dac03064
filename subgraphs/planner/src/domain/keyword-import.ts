// Keyword imports (a CSV file, a pasted list, the seed library) into one site and sector: rows
// stream in batches, each batch is its own transaction, so a big file never sits in memory, a
// crash keeps what was saved, and importing the same rows again adds nothing.
import { BadUserInputError, type Caller } from '@igny8/lib';
import * as keywordsStore from '../store/keywords.js';
import type { SeedFilter } from '../store/seeds.js';
import * as seedsStore from '../store/seeds.js';
import { plannerWorkspace } from './access.js';
import { type KeywordCsvBatch, parseKeywordCsv, parseKeywordList, type RejectedKeywordRow } from './keyword-csv.js';
import { keywordLimitMessage, keywordRoom, newKeywordRows } from './keywords.js';
import type { AccountWorkspace, PlannerServices } from './services.js';

/**
 * Rows saved per transaction: big enough that the per-batch work (a transaction, the duplicate
 * lookup, the plan-limit count) is small beside the insert, small enough to keep memory flat.
 */
const IMPORT_BATCH_ROWS = 5_000;

/**
 * The largest keyword file taken, in bytes: the gateway's upload limit and the planner's own import
 * route's (which is reachable on its port too). 200,000 rows rarely need a tenth of it.
 */
export const KEYWORD_FILE_MAX_BYTES = 50 * 1024 * 1024;

/** Rejected rows listed in a report; beyond this only their count grows. */
export const REPORT_MAX_REJECTED = 10_000;

export interface KeywordImportReport {
  /** Rows read from the file (blank lines not counted). */
  rows: number;
  added: number;
  /** Already in the sector, or repeated in the file. */
  duplicates: number;
  rejected: number;
  /** Line, keyword and reason of each rejected row (at most REPORT_MAX_REJECTED). */
  rejectedRows: RejectedKeywordRow[];
  /** True when the plan's keyword limit stopped rows from being added (they are among the rejected). */
  limitReached: boolean;
}

export type KeywordSourceText =
  | { kind: 'csv'; data: string | AsyncIterable<Uint8Array | string> }
  | { kind: 'list'; text: string };

interface ImportTally extends KeywordImportReport {}

const emptyReport = (): ImportTally => ({
  rows: 0,
  added: 0,
  duplicates: 0,
  rejected: 0,
  rejectedRows: [],
  limitReached: false,
});

function reject(report: ImportTally, rows: readonly RejectedKeywordRow[]) {
  report.rejected += rows.length;
  for (const row of rows) {
    if (report.rejectedRows.length >= REPORT_MAX_REJECTED) break;
    report.rejectedRows.push(row);
  }
}

/** Saves one parsed batch: new keywords in, known ones counted as duplicates, the rest over the plan refused. */
async function saveBatch(
  s: PlannerServices,
  workspace: AccountWorkspace,
  createdBy: string | null,
  batch: KeywordCsvBatch,
  report: ImportTally,
): Promise<void> {
  report.rows += batch.rows.length + batch.rejected.length + batch.duplicatesInFile;
  report.duplicates += batch.duplicatesInFile;
  reject(report, batch.rejected);
  if (batch.rows.length === 0) return;
  const { siteId, sectorId } = { siteId: workspace.site!.id, sectorId: workspace.sector!.id };
  await s.database.tenant(workspace.accountId, async (tx) => {
    const known = await keywordsStore.existingKeywords(
      tx,
      workspace.accountId,
      siteId,
      sectorId,
      batch.rows.map((row) => row.keyword),
    );
    const fresh = batch.rows.filter((row) => !known.has(row.keyword));
    report.duplicates += batch.rows.length - fresh.length;
    const room = await keywordRoom(tx, workspace);
    const allowed = fresh.slice(0, room);
    if (allowed.length < fresh.length) {
      report.limitReached = true;
      reject(
        report,
        fresh
          .slice(room)
          .map((row) => ({ line: row.line, keyword: row.keyword, reason: keywordLimitMessage(workspace) })),
      );
    }
    const inserted = await keywordsStore.insertKeywordBatch(
      tx,
      newKeywordRows(workspace, createdBy, 'import', allowed),
    );
    report.added += inserted;
    // Another import of the same sector got there first between our check and the insert.
    report.duplicates += allowed.length - inserted;
  });
}

export async function importKeywords(
  s: PlannerServices,
  caller: Caller,
  place: { siteId: string; sectorId: string },
  source: KeywordSourceText,
): Promise<KeywordImportReport> {
  const workspace = await plannerWorkspace(s, caller, place);
  const report = emptyReport();
  const options = { batchSize: IMPORT_BATCH_ROWS };
  const batches =
    source.kind === 'csv' ? parseKeywordCsv(source.data, options) : parseKeywordList(source.text, options);
  for await (const batch of batches) await saveBatch(s, workspace, caller.userId, batch, report);
  return report;
}

export interface SeedSelection {
  /** Seed keywords picked by id; absent: every seed keyword of the sector's template matching `filter`. */
  seedKeywordIds?: readonly string[] | null;
  filter?: Omit<SeedFilter, 'industrySlug' | 'sectorSlugs' | 'ids'>;
}

/** Adds seed keywords of the site's industry to a sector (duplicates skipped, plan limit kept). */
export async function addSeedKeywords(
  s: PlannerServices,
  caller: Caller,
  place: { siteId: string; sectorId: string },
  selection: SeedSelection,
): Promise<KeywordImportReport> {
  const workspace = await plannerWorkspace(s, caller, place);
  const report = emptyReport();
  await s.database.tenant(workspace.accountId, async (tx) => {
    const seeds = await seedsStore.findSeedKeywords(tx, {
      ...selection.filter,
      ...(selection.seedKeywordIds?.length
        ? { ids: selection.seedKeywordIds }
        : { industrySlug: workspace.site?.industrySlug ?? '-', sectorSlugs: [workspace.sector?.sectorSlug ?? '-'] }),
    });
    if (seeds.length === 0 && !selection.seedKeywordIds?.length) {
      throw BadUserInputError.field(
        'sectorId',
        'has no seed keywords: give the site an industry and the sector an industry sector, or pick seed keywords by id',
      );
    }
    report.rows = seeds.length;
    const known = await keywordsStore.existingKeywords(
      tx,
      workspace.accountId,
      workspace.site!.id,
      workspace.sector!.id,
      seeds.map((seed) => seed.keyword),
    );
    const fresh = seeds.filter((seed) => !known.has(seed.keyword));
    report.duplicates = seeds.length - fresh.length;
    const room = await keywordRoom(tx, workspace);
    if (fresh.length > room) {
      report.limitReached = true;
      reject(
        report,
        fresh.slice(room).map((seed) => ({ line: 0, keyword: seed.keyword, reason: keywordLimitMessage(workspace) })),
      );
    }
    report.added = await keywordsStore.insertKeywordBatch(
      tx,
      newKeywordRows(
        workspace,
        caller.userId,
        'seed',
        fresh.slice(0, room).map((seed) => ({
          keyword: seed.keyword,
          volume: seed.volume,
          difficulty: seed.difficulty,
          intent: seed.intent,
          seedKeywordId: seed.id,
        })),
      ),
    );
  });
  return report;
}
