// Sites and sectors: plan limits on sites, 1–5 sectors per site, industry templates.
import type { Tx } from '@igny8/db';
import {
  assertWithinPlan,
  BadUserInputError,
  type Caller,
  ConflictError,
  conflictOnDuplicate,
  type ListOrder,
  NotFoundError,
  type PageWindow,
  pageOf,
  type RowsPage,
} from '@igny8/lib';
import * as accountsStore from '../store/accounts.js';
import type { SectorRow, SiteRow } from '../store/sites.js';
import * as sitesStore from '../store/sites.js';
import type { SystemServices } from './services.js';

export type { SectorRow, SiteRow } from '../store/sites.js';

export const MAX_SECTORS_PER_SITE = 5;

export interface SiteFilter {
  search?: string | null | undefined;
  isActive?: boolean | null | undefined;
}

export const SITE_ORDER_FIELDS = ['name', 'createdAt'] as const;
export type SiteOrder = ListOrder<(typeof SITE_ORDER_FIELDS)[number]>;

export interface SiteInput {
  name: string;
  domain?: string | null;
  industryId?: string | null;
  language?: string | null;
  timezone?: string | null;
  isActive?: boolean | null;
}

const siteNameTaken = () =>
  new ConflictError('A site with this name already exists in your account.', { name: ['is already used'] });
const sectorNameTaken = () =>
  new ConflictError('This site already has a sector with this name.', { name: ['is already used'] });

async function assertIndustry(tx: Tx, industryId: string | null | undefined): Promise<void> {
  if (!industryId) return;
  const [industry] = await accountsStore.findIndustriesByIds(tx, [industryId]);
  if (!industry) throw BadUserInputError.field('industryId', 'is not a known industry');
}

async function assertIndustrySector(tx: Tx, site: SiteRow, industrySectorId: string | null | undefined) {
  if (!industrySectorId) return;
  const template = await accountsStore.findIndustrySector(tx, industrySectorId);
  if (!template) throw BadUserInputError.field('industrySectorId', 'is not a known industry sector');
  if (site.industryId && template.industryId !== site.industryId) {
    throw BadUserInputError.field('industrySectorId', "belongs to another industry than the site's");
  }
}

/** The caller's sites, filtered; oldest first unless an order is given. */
export async function listSites(
  s: SystemServices,
  caller: Caller,
  input: { filter?: SiteFilter | null; orderBy?: SiteOrder | null; page: PageWindow },
): Promise<RowsPage<SiteRow>> {
  const filter = { search: input.filter?.search ?? undefined, isActive: input.filter?.isActive ?? undefined };
  const order = { orderBy: input.orderBy?.field ?? 'createdAt', descending: input.orderBy?.direction === 'desc' };
  return s.database.tenant(caller.accountId, (tx) =>
    pageOf(
      input.page,
      () => sitesStore.countSites(tx, caller.accountId, filter),
      (page) => sitesStore.listSites(tx, caller.accountId, { ...filter, ...order, ...page }),
    ),
  );
}

export const sitesByIds = (s: SystemServices, caller: Caller, ids: readonly string[]) =>
  s.database.tenant(caller.accountId, (tx) => sitesStore.findSitesByIds(tx, caller.accountId, ids));

export const sectorsByIds = (s: SystemServices, caller: Caller, ids: readonly string[]) =>
  s.database.tenant(caller.accountId, (tx) => sitesStore.findSectorsByIds(tx, caller.accountId, ids));

export async function getSite(s: SystemServices, caller: Caller, id: string): Promise<SiteRow> {
  const site = await s.database.tenant(caller.accountId, (tx) => sitesStore.findSite(tx, caller.accountId, id));
  if (!site) throw new NotFoundError('Site', id);
  return site;
}

export async function createSite(
  s: SystemServices,
  caller: Caller,
  input: SiteInput & { sectors?: string[] | null },
): Promise<SiteRow> {
  const sectorNames = input.sectors ?? [];
  if (sectorNames.length > MAX_SECTORS_PER_SITE) {
    throw BadUserInputError.field('sectors', `a site has at most ${MAX_SECTORS_PER_SITE} sectors`);
  }
  // Caught here rather than by the unique index, whose violation would read as a site-name clash.
  const seen = new Set<string>();
  for (const name of sectorNames) {
    if (seen.has(name.toLowerCase())) {
      throw BadUserInputError.field('sectors', `names "${name}" twice: each sector needs its own name`);
    }
    seen.add(name.toLowerCase());
  }
  return conflictOnDuplicate(
    () =>
      s.database.tenant(caller.accountId, async (tx) => {
        // The account row lock makes concurrent creations take turns at the plan-limit check.
        const account = await accountsStore.lockAccount(tx, caller.accountId);
        const [plan] = await accountsStore.findPlansByIds(tx, [account!.planId]);
        assertWithinPlan(
          { plan: plan!.name, max: plan!.maxSites, noun: ['site', 'sites'], remedy: 'delete a site first' },
          await sitesStore.countSites(tx, caller.accountId),
        );
        await assertIndustry(tx, input.industryId);
        const site = await sitesStore.insertSite(tx, {
          accountId: caller.accountId,
          name: input.name,
          domain: input.domain ?? null,
          industryId: input.industryId ?? null,
          language: input.language ?? 'en',
          timezone: input.timezone ?? account!.timezone,
          isActive: input.isActive ?? true,
        });
        // A sector named like one of the industry's templates is made from it (its seed keywords follow).
        const templates = input.industryId ? await accountsStore.listIndustrySectors(tx, [input.industryId]) : [];
        const templateOf = new Map(templates.map((template) => [template.name.toLowerCase(), template.id]));
        for (const name of sectorNames) {
          await sitesStore.insertSector(tx, {
            accountId: caller.accountId,
            siteId: site.id,
            name,
            industrySectorId: templateOf.get(name.trim().toLowerCase()) ?? null,
          });
        }
        return site;
      }),
    siteNameTaken,
  );
}

export async function updateSite(
  s: SystemServices,
  caller: Caller,
  id: string,
  changes: { [K in keyof SiteInput]?: SiteInput[K] | null },
): Promise<SiteRow> {
  return conflictOnDuplicate(
    () =>
      s.database.tenant(caller.accountId, async (tx) => {
        if (changes.industryId) await assertIndustry(tx, changes.industryId);
        const patch: sitesStore.SiteChanges = {};
        if (changes.name != null) patch.name = changes.name;
        if (changes.domain !== undefined) patch.domain = changes.domain;
        if (changes.industryId !== undefined) patch.industryId = changes.industryId;
        if (changes.language != null) patch.language = changes.language;
        if (changes.timezone != null) patch.timezone = changes.timezone;
        if (changes.isActive != null) patch.isActive = changes.isActive;
        const site = Object.keys(patch).length
          ? await sitesStore.updateSite(tx, caller.accountId, id, patch)
          : await sitesStore.findSite(tx, caller.accountId, id);
        if (!site) throw new NotFoundError('Site', id);
        return site;
      }),
    siteNameTaken,
  );
}

export async function deleteSite(s: SystemServices, caller: Caller, id: string): Promise<string> {
  const deleted = await s.database.tenant(caller.accountId, (tx) => sitesStore.deleteSite(tx, caller.accountId, id));
  if (!deleted) throw new NotFoundError('Site', id);
  return id;
}

export const sectorsOf = (s: SystemServices, caller: Caller, siteIds: readonly string[]) =>
  s.database.tenant(caller.accountId, (tx) => sitesStore.listSectors(tx, caller.accountId, siteIds));

export async function createSector(
  s: SystemServices,
  caller: Caller,
  input: { siteId: string; name: string; industrySectorId?: string | null },
): Promise<SectorRow> {
  return conflictOnDuplicate(
    () =>
      s.database.tenant(caller.accountId, async (tx) => {
        const site = await sitesStore.lockSite(tx, caller.accountId, input.siteId);
        if (!site) throw new NotFoundError('Site', input.siteId);
        if ((await sitesStore.countSectors(tx, caller.accountId, site.id)) >= MAX_SECTORS_PER_SITE) {
          throw new BadUserInputError(`A site has at most ${MAX_SECTORS_PER_SITE} sectors: remove one first.`, {
            siteId: [`already has ${MAX_SECTORS_PER_SITE} sectors`],
          });
        }
        await assertIndustrySector(tx, site, input.industrySectorId);
        return sitesStore.insertSector(tx, {
          accountId: caller.accountId,
          siteId: site.id,
          name: input.name,
          industrySectorId: input.industrySectorId ?? null,
        });
      }),
    sectorNameTaken,
  );
}

export async function updateSector(
  s: SystemServices,
  caller: Caller,
  id: string,
  changes: { name?: string | null; industrySectorId?: string | null; isActive?: boolean | null },
): Promise<SectorRow> {
  return conflictOnDuplicate(
    () =>
      s.database.tenant(caller.accountId, async (tx) => {
        const sector = await sitesStore.findSector(tx, caller.accountId, id);
        if (!sector) throw new NotFoundError('Sector', id);
        const site = await sitesStore.findSite(tx, caller.accountId, sector.siteId);
        if (changes.industrySectorId) await assertIndustrySector(tx, site!, changes.industrySectorId);
        const patch: sitesStore.SectorChanges = {};
        if (changes.name != null) patch.name = changes.name;
        if (changes.industrySectorId !== undefined) patch.industrySectorId = changes.industrySectorId;
        if (changes.isActive != null) patch.isActive = changes.isActive;
        if (!Object.keys(patch).length) return sector;
        return (await sitesStore.updateSector(tx, caller.accountId, id, patch))!;
      }),
    sectorNameTaken,
  );
}

export async function deleteSector(s: SystemServices, caller: Caller, id: string): Promise<string> {
  return s.database.tenant(caller.accountId, async (tx) => {
    const sector = await sitesStore.findSector(tx, caller.accountId, id);
    if (!sector) throw new NotFoundError('Sector', id);
    await sitesStore.lockSite(tx, caller.accountId, sector.siteId);
    if ((await sitesStore.countSectors(tx, caller.accountId, sector.siteId)) <= 1) {
      throw new BadUserInputError('A site needs at least one sector: add another before removing this one.', {
        id: ['is the last sector of its site'],
      });
    }
    await sitesStore.deleteSector(tx, caller.accountId, id);
    return id;
  });
}
