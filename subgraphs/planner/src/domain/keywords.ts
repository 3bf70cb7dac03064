// Keyword rules: one normalised keyword per site and sector, intent from the rules unless given,
// the plan's keyword limit, and status and cluster changes that keep cluster numbers true.
import type { Tx } from '@igny8/db';
import type { KeywordIntent, KeywordSource, KeywordStatus } from '@igny8/db/planner';
import {
  assertWithinPlan,
  BadUserInputError,
  type Caller,
  ConflictError,
  type EnumCount,
  enumCounts,
  type ListOrder,
  NotFoundError,
  type PageWindow,
  type PlanLimit,
  pageOf,
  planLimitMessage,
} from '@igny8/lib';
import * as clustersStore from '../store/clusters.js';
import type { KeywordFilter, KeywordOrderField, KeywordRow, NewKeyword } from '../store/keywords.js';
import * as keywordsStore from '../store/keywords.js';
import { inPlanner, placeOf, plannerWorkspace } from './access.js';
import { classifyIntent } from './intent.js';
import { KEYWORD_MAX_LENGTH, normalizeKeyword } from './keyword-csv.js';
import type { AccountWorkspace, PlannerServices } from './services.js';
import type { Patch } from './validation.js';

/** Most ids one bulk action takes. */
export const BULK_MAX = 5_000;

export interface KeywordInput {
  keyword: string;
  volume?: number | null;
  difficulty?: number | null;
  /** In currency units (1.25 = $1.25). */
  cpc?: number | null;
  intent?: KeywordIntent | null;
  country?: string | null;
  language?: string | null;
}

/** Words of the site's name and its domain's name: a keyword with them is navigational. */
export function brandTermsOf(site: AccountWorkspace['site']): string[] {
  if (!site) return [];
  const terms = new Set<string>();
  const name = normalizeKeyword(site.name);
  if (name) terms.add(name);
  const host = site.domain
    ?.replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .split(/[/:]/)[0];
  const root = host?.split('.')[0];
  if (root && root.length >= 3) terms.add(root.toLowerCase());
  return [...terms];
}

/** The intent fields of a new keyword: the given intent, or the rules' guess with its confidence. */
export function intentFor(keyword: string, given: KeywordIntent | null | undefined, brandTerms: readonly string[]) {
  if (given) return { intent: given, intentConfidence: 1, intentSource: 'import' as const };
  const guess = classifyIntent(keyword, { brandTerms });
  return { intent: guess.intent, intentConfidence: guess.confidence, intentSource: 'rules' as const };
}

export const cpcCentsOf = (cpc: number | null | undefined) => (cpc == null ? null : Math.round(cpc * 100));

function checkedKeyword(text: string): string {
  const keyword = normalizeKeyword(text);
  if (!keyword) throw BadUserInputError.field('keyword', 'is required');
  if (keyword.length > KEYWORD_MAX_LENGTH) {
    throw BadUserInputError.field(
      'keyword',
      `must be at most ${KEYWORD_MAX_LENGTH} characters (it has ${keyword.length})`,
    );
  }
  return keyword;
}

const duplicateKeyword = (keyword: string) =>
  new ConflictError(`"${keyword}" is already a keyword of this sector.`, { keyword: ['is already in this sector'] });

const keywordLimit = (workspace: AccountWorkspace): PlanLimit => ({
  plan: workspace.planSlug,
  max: workspace.maxKeywords,
  noun: ['keyword', 'keywords'],
  remedy: 'delete some keywords to add more',
});

export const keywordLimitMessage = (workspace: AccountWorkspace) => planLimitMessage(keywordLimit(workspace));

/** The account's keywords, counted under a lock held until the transaction ends (additions take turns). */
async function lockedKeywordCount(tx: Tx, workspace: AccountWorkspace): Promise<number> {
  await keywordsStore.lockAccountKeywords(tx, workspace.accountId);
  return keywordsStore.countAccountKeywords(tx, workspace.accountId);
}

/** How many more keywords the account may add (under the lock taken here, until the transaction ends). */
export async function keywordRoom(tx: Tx, workspace: AccountWorkspace): Promise<number> {
  return Math.max(0, workspace.maxKeywords - (await lockedKeywordCount(tx, workspace)));
}

export type { KeywordFilter, KeywordOrderField, KeywordRow } from '../store/keywords.js';
export { KEYWORD_ORDER_FIELDS } from '../store/keywords.js';

/** A keyword list's arguments: what it matches, its order (default: highest volume first) and its page. */
export interface KeywordListInput {
  filter: KeywordFilter;
  orderBy?: ListOrder<KeywordOrderField> | null | undefined;
  page: PageWindow;
}

export function listKeywords(s: PlannerServices, caller: Caller, { filter, orderBy, page }: KeywordListInput) {
  const accountId = caller.accountId;
  const order = { field: orderBy?.field ?? 'volume', descending: (orderBy?.direction ?? 'desc') === 'desc' };
  return inPlanner(s, caller, (tx) =>
    pageOf(
      page,
      () => keywordsStore.countKeywords(tx, accountId, filter),
      (range) => keywordsStore.listKeywords(tx, accountId, filter, order, range),
    ),
  );
}

/** What each status, intent, source and cluster counts among the matching keywords (values with none left out). */
export interface KeywordFacets {
  status: EnumCount<KeywordStatus>[];
  intent: EnumCount<KeywordIntent>[];
  source: EnumCount<KeywordSource>[];
  /** `clusterId` null: the keywords in no cluster. */
  cluster: { clusterId: string | null; count: number }[];
}

/** The list's filter options with their counts; each facet is counted under the other filters only (cascading). */
export function keywordFacets(s: PlannerServices, caller: Caller, filter: KeywordFilter): Promise<KeywordFacets> {
  return inPlanner(s, caller, async (tx) => {
    const counts = await keywordsStore.keywordFacetCounts(tx, caller.accountId, filter);
    return {
      status: enumCounts(counts.status),
      intent: enumCounts(counts.intent),
      source: enumCounts(counts.source),
      cluster: counts.cluster.map(({ value, count }) => ({ clusterId: value, count })),
    };
  });
}

export type { KeywordSectorStatsRow } from '../store/keywords.js';

/** Per sector (of the site, when given: NotFound for a site not the caller's), what its keywords add up to. */
export function keywordSectorStats(
  s: PlannerServices,
  caller: Caller,
  siteId: string | null | undefined,
): Promise<keywordsStore.KeywordSectorStatsRow[]> {
  return inPlanner(
    s,
    caller,
    (tx) => keywordsStore.keywordSectorStats(tx, caller.accountId, siteId ?? undefined),
    siteId ? { siteId } : {},
  );
}

export function getKeyword(s: PlannerServices, caller: Caller, id: string): Promise<KeywordRow> {
  return inPlanner(s, caller, async (tx) => {
    const row = await keywordsStore.findKeyword(tx, caller.accountId, id);
    if (!row) throw new NotFoundError('Keyword', id);
    return row;
  });
}

export async function createKeyword(
  s: PlannerServices,
  caller: Caller,
  place: { siteId: string; sectorId: string },
  input: KeywordInput,
): Promise<KeywordRow> {
  const keyword = checkedKeyword(input.keyword);
  const workspace = await plannerWorkspace(s, caller, place);
  const accountId = caller.accountId;
  return s.database.tenant(accountId, async (tx) => {
    assertWithinPlan(keywordLimit(workspace), await lockedKeywordCount(tx, workspace));
    const [row] = await keywordsStore.insertKeywords(tx, [
      {
        accountId,
        ...placeOf(workspace),
        keyword,
        volume: input.volume ?? null,
        difficulty: input.difficulty ?? null,
        cpcCents: cpcCentsOf(input.cpc),
        ...intentFor(keyword, input.intent, brandTermsOf(workspace.site)),
        ...(input.intent ? { intentSource: 'manual' as const } : {}),
        country: input.country?.toUpperCase() ?? null,
        language: input.language ?? null,
        source: 'manual',
        createdBy: caller.userId,
      },
    ]);
    if (!row) throw duplicateKeyword(keyword);
    return row;
  });
}

export interface KeywordUpdate extends Patch<KeywordInput> {
  status?: KeywordStatus | null;
}

export function updateKeyword(
  s: PlannerServices,
  caller: Caller,
  id: string,
  input: KeywordUpdate,
): Promise<KeywordRow> {
  const accountId = caller.accountId;
  return inPlanner(s, caller, async (tx) => {
    const current = await keywordsStore.findKeyword(tx, accountId, id);
    if (!current) throw new NotFoundError('Keyword', id);
    const changes: keywordsStore.KeywordChanges = {};
    if (input.keyword != null) changes.keyword = checkedKeyword(input.keyword);
    if (input.volume !== undefined) changes.volume = input.volume;
    if (input.difficulty !== undefined) changes.difficulty = input.difficulty;
    if (input.cpc !== undefined) changes.cpcCents = cpcCentsOf(input.cpc);
    if (input.intent) Object.assign(changes, { intent: input.intent, intentConfidence: 1, intentSource: 'manual' });
    if (input.country !== undefined) changes.country = input.country?.toUpperCase() ?? null;
    if (input.language !== undefined) changes.language = input.language;
    if (input.status) changes.status = statusAfter(current, input.status);
    if (changes.keyword && changes.keyword !== current.keyword) {
      const taken = await keywordsStore.existingKeywords(tx, accountId, current.siteId, current.sectorId, [
        changes.keyword,
      ]);
      if (taken.size > 0) throw duplicateKeyword(changes.keyword);
    }
    const row = await keywordsStore.updateKeyword(tx, accountId, id, changes);
    if (current.clusterId) await clustersStore.refreshClusterStats(tx, accountId, [current.clusterId]);
    return row!;
  });
}

/**
 * `clustered` follows from being in a cluster, and a keyword in a cluster cannot be `new`: a
 * status that contradicts the cluster is refused rather than silently changed.
 */
function statusAfter(keyword: Pick<KeywordRow, 'clusterId' | 'keyword'>, status: KeywordStatus): KeywordStatus {
  if (status === 'clustered' && !keyword.clusterId) {
    throw BadUserInputError.field('status', `cannot be clustered: "${keyword.keyword}" is in no cluster (assign one)`);
  }
  if (status === 'new' && keyword.clusterId) {
    throw BadUserInputError.field('status', `cannot be new: "${keyword.keyword}" is in a cluster (remove it first)`);
  }
  return status;
}

/** Deletes the keywords that exist among `ids`; returns how many. Their clusters' numbers follow. */
export function deleteKeywords(s: PlannerServices, caller: Caller, ids: readonly string[]): Promise<number> {
  const accountId = caller.accountId;
  return inPlanner(s, caller, async (tx) => {
    const deleted = await keywordsStore.deleteKeywords(tx, accountId, ids);
    await clustersStore.refreshClusterStats(
      tx,
      accountId,
      deleted.flatMap((row) => (row.clusterId ? [row.clusterId] : [])),
    );
    return deleted.length;
  });
}

export function setKeywordsStatus(
  s: PlannerServices,
  caller: Caller,
  ids: readonly string[],
  status: KeywordStatus,
): Promise<KeywordRow[]> {
  const accountId = caller.accountId;
  return inPlanner(s, caller, async (tx) => {
    const rows = await keywordsStore.findKeywordsByIds(tx, accountId, ids);
    for (const row of rows) statusAfter(row, status);
    return keywordsStore.updateKeywords(
      tx,
      accountId,
      rows.map((row) => row.id),
      { status },
    );
  });
}

/**
 * Puts the keywords into a cluster of their own sector (or, with null, into none). Keywords of
 * another sector are refused by name.
 */
export function assignKeywordsToCluster(
  s: PlannerServices,
  caller: Caller,
  ids: readonly string[],
  clusterId: string | null,
): Promise<KeywordRow[]> {
  const accountId = caller.accountId;
  return inPlanner(s, caller, async (tx) => {
    const rows = await keywordsStore.findKeywordsByIds(tx, accountId, ids);
    if (rows.length === 0) return [];
    return moveKeywords(tx, accountId, rows, clusterId);
  });
}

/** Moves keyword rows into `clusterId` (or none) and refreshes every cluster they touched. */
export async function moveKeywords(
  tx: Tx,
  accountId: string,
  rows: readonly KeywordRow[],
  clusterId: string | null,
): Promise<KeywordRow[]> {
  if (clusterId) {
    const cluster = await clustersStore.findCluster(tx, accountId, clusterId);
    if (!cluster) throw new NotFoundError('Cluster', clusterId);
    const foreign = rows.filter((row) => row.siteId !== cluster.siteId || row.sectorId !== cluster.sectorId);
    if (foreign.length > 0) {
      throw BadUserInputError.field(
        'ids',
        `${foreign.length === 1 ? `"${foreign[0]!.keyword}" is` : `${foreign.length} keywords are`} not in the cluster's site and sector`,
      );
    }
  }
  const moved = await keywordsStore.updateKeywords(
    tx,
    accountId,
    rows.map((row) => row.id),
    clusterId ? { clusterId, status: 'clustered' } : { clusterId: null, status: 'new' },
  );
  await clustersStore.refreshClusterStats(tx, accountId, [
    ...rows.flatMap((row) => (row.clusterId ? [row.clusterId] : [])),
    ...(clusterId ? [clusterId] : []),
  ]);
  return moved;
}

/** Rows for one batch insert from the same place, with the rules' intent where none was given. */
export function newKeywordRows(
  workspace: AccountWorkspace,
  createdBy: string | null,
  source: KeywordSource,
  rows: readonly (KeywordInput & { keyword: string; seedKeywordId?: string | null; cpcCents?: number | null })[],
): NewKeyword[] {
  const brandTerms = brandTermsOf(workspace.site);
  return rows.map((row) => ({
    accountId: workspace.accountId,
    ...placeOf(workspace),
    keyword: row.keyword,
    volume: row.volume ?? null,
    difficulty: row.difficulty ?? null,
    cpcCents: row.cpcCents ?? cpcCentsOf(row.cpc),
    ...intentFor(row.keyword, row.intent, brandTerms),
    ...(source === 'seed' && row.intent ? { intentSource: 'rules' as const } : {}),
    country: row.country ?? null,
    language: row.language ?? null,
    source,
    seedKeywordId: row.seedKeywordId ?? null,
    createdBy,
  }));
}

export function keywordsByIds(s: PlannerServices, caller: Caller, ids: readonly string[]): Promise<KeywordRow[]> {
  return inPlanner(s, caller, (tx) => keywordsStore.findKeywordsByIds(tx, caller.accountId, ids));
}
