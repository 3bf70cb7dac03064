// Sites and sectors: entities that planner, writer and publisher point at.

import {
  type BuilderTypes,
  callerOf,
  connectionOf,
  loadGroup,
  loadReference,
  scopePresets,
  upperCaseEnumValues,
} from '@igny8/lib';
import { z } from 'zod';
import { builder, type SystemContext } from '../builder.js';
import type { SectorRow, SiteRow } from '../domain/sites.js';
import * as sites from '../domain/sites.js';
import * as v from '../domain/validation.js';
import { IndustryRef, IndustrySectorRef, loadIndustry, loadIndustrySector } from './catalog.js';
import { SortDirectionEnum } from './enums.js';

export const SiteRef = builder.objectRef<SiteRow>('Site');
export const SectorRef = builder.objectRef<SectorRow>('Sector');

const loadSite = (ctx: SystemContext, id: string) =>
  loadReference(ctx, 'Site', (caller, ids) => sites.sitesByIds(ctx.system, caller, ids), id);
const loadSector = (ctx: SystemContext, id: string) =>
  loadReference(ctx, 'Sector', (caller, ids) => sites.sectorsByIds(ctx.system, caller, ids), id);

builder.asEntity(SiteRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadSite(ctx, ref.id),
});
builder.asEntity(SectorRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadSector(ctx, ref.id),
});

SiteRef.implement({
  description: 'A website the account writes for.',
  fields: (t) => ({
    id: t.exposeID('id'),
    accountId: t.exposeID('accountId'),
    name: t.exposeString('name'),
    domain: t.exposeString('domain', { nullable: true }),
    industry: t.field({
      type: IndustryRef,
      nullable: true,
      resolve: (site, _args, ctx) => (site.industryId ? loadIndustry(ctx, site.industryId) : null),
    }),
    language: t.exposeString('language'),
    timezone: t.exposeString('timezone'),
    isActive: t.exposeBoolean('isActive'),
    sectors: t.field({
      type: [SectorRef],
      resolve: (site, _args, ctx) =>
        loadGroup(
          ctx,
          'sectorsOfSite',
          (ids) => sites.sectorsOf(ctx.system, callerOf(ctx), ids),
          (r) => r.siteId,
          site.id,
        ),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (s) => s.updatedAt }),
  }),
});

SectorRef.implement({
  description: 'A topical area of a site (1 to 5 per site).',
  fields: (t) => ({
    id: t.exposeID('id'),
    accountId: t.exposeID('accountId'),
    siteId: t.exposeID('siteId'),
    site: t.field({
      type: SiteRef,
      resolve: async (sector, _args, ctx) => (await loadSite(ctx, sector.siteId))!,
    }),
    name: t.exposeString('name'),
    industrySector: t.field({
      type: IndustrySectorRef,
      nullable: true,
      resolve: (sector, _args, ctx) =>
        sector.industrySectorId ? loadIndustrySector(ctx, sector.industrySectorId) : null,
    }),
    isActive: t.exposeBoolean('isActive'),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt }),
  }),
});

const SiteFilter = builder.inputType('SiteFilter', {
  validate: z.looseObject({
    search: v.shortText.nullish(),
  }),
  fields: (t) => ({
    search: t.string(),
    isActive: t.boolean(),
  }),
});

const SiteOrderField = builder.enumType('SiteOrderField', { values: upperCaseEnumValues(sites.SITE_ORDER_FIELDS) });

const SiteOrder = builder.inputType('SiteOrder', {
  fields: (t) => ({
    field: t.field({ type: SiteOrderField, required: true }),
    direction: t.field({ type: SortDirectionEnum, required: true }),
  }),
});

type InputFields = PothosSchemaTypes.InputFieldBuilder<
  PothosSchemaTypes.ExtendDefaultTypes<BuilderTypes<SystemContext>>,
  'InputObject'
>;

/** Site fields shared by create and update, with their rules. */
const siteFields = (t: InputFields) => ({
  domain: t.string(),
  industryId: t.id(),
  language: t.string(),
  timezone: t.string(),
  isActive: t.boolean(),
});
const siteRules = {
  domain: v.domain.or(v.emptyString).nullish(),
  industryId: v.uuid.nullish(),
  language: v.language.nullish(),
  timezone: v.timezone.nullish(),
};

const CreateSiteInput = builder.inputType('CreateSiteInput', {
  validate: z.looseObject({
    name: v.title,
    ...siteRules,
    sectors: v.sectorNames.nullish(),
  }),
  fields: (t) => ({
    name: t.string({ required: true }),
    ...siteFields(t),
    sectors: t.stringList({ description: 'Names of sectors to create with the site (up to 5).' }),
  }),
});

const UpdateSiteInput = builder.inputType('UpdateSiteInput', {
  validate: z.looseObject({
    id: v.uuid,
    name: v.title.nullish(),
    ...siteRules,
  }),
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    ...siteFields(t),
  }),
});

const DeleteInput = builder.inputType('DeleteSiteInput', {
  fields: (t) => ({ id: t.id({ required: true, validate: v.uuid }) }),
});

const CreateSectorInput = builder.inputType('CreateSectorInput', {
  validate: z.looseObject({
    siteId: v.uuid,
    name: v.title,
    industrySectorId: v.uuid.nullish(),
  }),
  fields: (t) => ({
    siteId: t.id({ required: true }),
    name: t.string({ required: true }),
    industrySectorId: t.id(),
  }),
});

const UpdateSectorInput = builder.inputType('UpdateSectorInput', {
  validate: z.looseObject({
    id: v.uuid,
    name: v.title.nullish(),
    industrySectorId: v.uuid.nullish(),
  }),
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    industrySectorId: t.id(),
    isActive: t.boolean(),
  }),
});

const DeleteSectorInput = builder.inputType('DeleteSectorInput', {
  fields: (t) => ({ id: t.id({ required: true, validate: v.uuid }) }),
});

builder.queryFields((t) => ({
  sites: t.connection({
    type: SiteRef,
    authScopes: scopePresets.member,
    args: {
      filter: t.arg({ type: SiteFilter }),
      orderBy: t.arg({ type: SiteOrder }),
    },
    resolve: (_root, { filter, orderBy, ...page }, ctx) =>
      connectionOf(page, (window) => sites.listSites(ctx.system, callerOf(ctx), { filter, orderBy, page: window })),
  }),
  site: t.field({
    type: SiteRef,
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => sites.getSite(ctx.system, callerOf(ctx), args.id),
  }),
}));

builder.mutationFields((t) => ({
  createSite: t.field({
    type: SiteRef,
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: CreateSiteInput, required: true }) },
    resolve: (_root, { input }, ctx) => sites.createSite(ctx.system, callerOf(ctx), input),
  }),
  updateSite: t.field({
    type: SiteRef,
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: UpdateSiteInput, required: true }) },
    resolve: (_root, { input: { id, ...changes } }, ctx) => sites.updateSite(ctx.system, callerOf(ctx), id, changes),
  }),
  deleteSite: t.id({
    description: 'Deletes a site with its sectors. Returns the id.',
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: DeleteInput, required: true }) },
    resolve: (_root, { input }, ctx) => sites.deleteSite(ctx.system, callerOf(ctx), input.id),
  }),
  createSector: t.field({
    type: SectorRef,
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: CreateSectorInput, required: true }) },
    resolve: (_root, { input }, ctx) => sites.createSector(ctx.system, callerOf(ctx), input),
  }),
  updateSector: t.field({
    type: SectorRef,
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: UpdateSectorInput, required: true }) },
    resolve: (_root, { input: { id, ...changes } }, ctx) => sites.updateSector(ctx.system, callerOf(ctx), id, changes),
  }),
  deleteSector: t.id({
    authScopes: scopePresets.admin,
    args: { input: t.arg({ type: DeleteSectorInput, required: true }) },
    resolve: (_root, { input }, ctx) => sites.deleteSector(ctx.system, callerOf(ctx), input.id),
  }),
}));
