// The seed keyword library: shipped keywords by industry and sector, browsed by any member and
// added to a sector in bulk (see keyword-import.ts). Kept in step with the shipped data on start.
import type { Database } from '@igny8/db';
import { type Caller, type PageWindow, pageOf } from '@igny8/lib';
import { SEED_KEYWORDS } from '../seed/library.js';
import type { SeedFilter } from '../store/seeds.js';
import * as seedsStore from '../store/seeds.js';
import { plannerWorkspace } from './access.js';
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

/** Most of the account's sectors one seed query may name. */
export const SEED_SECTORS_MAX = 10;

/**
 * Seed keywords by filter; with `sectorIds`, those of the industry sectors the account's sectors
 * were made from (none for a sector made without one), highest volume first across them.
 */
export type { SeedKeywordRow } from '../store/seeds.js';

/** What a seed list matches: the library's filter, or the industry sectors of the account's `sectorIds`. */
export type SeedKeywordFilter = Omit<SeedFilter, 'templates'> & { sectorIds?: readonly string[] | null };

export async function listSeedKeywords(
  s: PlannerServices,
  caller: Caller,
  { filter, page }: { filter: SeedKeywordFilter; page: PageWindow },
) {
  const { sectorIds, ...rest } = filter;
  let scoped: SeedFilter = rest;
  if (sectorIds?.length) {
    const workspaces = await Promise.all(
      [...new Set(sectorIds)].map((sectorId) => plannerWorkspace(s, caller, { sectorId })),
    );
    scoped = {
      ...rest,
      templates: workspaces.flatMap(({ site, sector }) =>
        site?.industrySlug && sector?.sectorSlug
          ? [{ industrySlug: site.industrySlug, sectorSlug: sector.sectorSlug }]
          : [],
      ),
    };
  } else {
    await plannerWorkspace(s, caller);
  }
  return s.database.tenant(caller.accountId, (tx) =>
    pageOf(
      page,
      () => seedsStore.countSeedKeywords(tx, scoped),
      (range) => seedsStore.listSeedKeywords(tx, scoped, range),
    ),
  );
}
