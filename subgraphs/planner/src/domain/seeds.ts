// The seed keyword library: shipped keywords by industry and sector, browsed by any member and
// added to a sector in bulk (see keyword-import.ts). Kept in step with the shipped data on start.
import type { Database } from '@igny8/db';
import { type ConnectionArgs, offsetConnection } from '@igny8/lib';
import { SEED_KEYWORDS } from '../seed/library.js';
import * as seedsStore from '../store/seeds.js';
import type { SeedFilter } from '../store/seeds.js';
import { type PlannerCaller, plannerWorkspace } from './access.js';
import type { PlannerServices } from './services.js';

export async function syncSeedLibrary(database: Database): Promise<void> {
  await database.system((tx) =>
    seedsStore.syncSeedKeywords(
      tx,
      SEED_KEYWORDS.map((entry) => ({
        industrySlug: entry.industry,
        sectorSlug: entry.sector,
        keyword: entry.keyword,
        volume: entry.volume,
        difficulty: entry.difficulty,
        intent: entry.intent,
      })),
    ),
  );
}

/**
 * Seed keywords by filter; with `sectorId`, those of the industry sector the account's sector was
 * made from (none when it was made without one).
 */
export async function listSeedKeywords(
  s: PlannerServices,
  caller: PlannerCaller,
  args: ConnectionArgs,
  filter: SeedFilter & { sectorId?: string | null },
) {
  const { sectorId, ...rest } = filter;
  const workspace = await plannerWorkspace(s, caller, sectorId ? { sectorId } : {});
  const scoped: SeedFilter = sectorId
    ? { ...rest, industrySlug: workspace.site?.industrySlug ?? '-', sectorSlugs: [workspace.sector?.sectorSlug ?? '-'] }
    : rest;
  return s.database.tenant(caller.principal.accountId, (tx) =>
    offsetConnection(
      args,
      (page) => seedsStore.listSeedKeywords(tx, scoped, page),
      () => seedsStore.countSeedKeywords(tx, scoped),
    ),
  );
}
