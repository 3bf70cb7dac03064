// Global catalogue: plans and industry templates.
import { loadById, loadGroup } from '@igny8/lib';
import { builder, type SystemContext } from '../builder.js';
import {
  type IndustryRow,
  type IndustrySectorRow,
  industriesByIds,
  industrySectorsByIds,
  industrySectorsOf,
  listIndustries,
  listPlans,
  type PlanRow,
  plansByIds,
} from '../domain/account.js';

export const PlanRef = builder.objectRef<PlanRow>('Plan').implement({
  description: 'What an account pays for: included credits and limits.',
  fields: (t) => ({
    id: t.exposeID('id'),
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    priceCents: t.exposeInt('priceCents', { description: 'Price in minor units of `currency`.' }),
    currency: t.exposeString('currency'),
    billingCycle: t.exposeString('billingCycle'),
    includedCredits: t.exposeInt('includedCredits'),
    maxSites: t.exposeInt('maxSites'),
    maxUsers: t.exposeInt('maxUsers'),
    maxKeywords: t.exposeInt('maxKeywords'),
    maxAuthorProfiles: t.exposeInt('maxAuthorProfiles'),
    features: t.exposeStringList('features'),
    isInternal: t.exposeBoolean('isInternal'),
  }),
});

export const IndustrySectorRef = builder.objectRef<IndustrySectorRow>('IndustrySector').implement({
  description: 'A sector template within an industry.',
  fields: (t) => ({
    id: t.exposeID('id'),
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
  }),
});

export const IndustryRef = builder.objectRef<IndustryRow>('Industry').implement({
  description: 'An industry template sites are created from.',
  fields: (t) => ({
    id: t.exposeID('id'),
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    sectors: t.field({
      type: [IndustrySectorRef],
      resolve: (industry, _args, ctx) =>
        loadGroup(
          ctx,
          'sectorsOfIndustry',
          (ids) => industrySectorsOf(ctx.system, ids),
          (r) => r.industryId,
          industry.id,
        ),
    }),
  }),
});

/** Plans, industries and industry sectors by id, batched per request. */
export const loadPlan = (ctx: SystemContext, id: string) =>
  loadById(ctx, 'plans', (ids) => plansByIds(ctx.system, ids), id);
export const loadIndustry = (ctx: SystemContext, id: string) =>
  loadById(ctx, 'industries', (ids) => industriesByIds(ctx.system, ids), id);
export const loadIndustrySector = (ctx: SystemContext, id: string) =>
  loadById(ctx, 'industrySectors', (ids) => industrySectorsByIds(ctx.system, ids), id);

builder.queryFields((t) => ({
  plans: t.field({
    type: [PlanRef],
    description: 'Plans on sale (the platform operator also sees internal ones).',
    resolve: (_root, _args, ctx) => listPlans(ctx.system, ctx.caller),
  }),
  industries: t.field({
    type: [IndustryRef],
    description: 'Industry templates with their sectors.',
    resolve: (_root, _args, ctx) => listIndustries(ctx.system),
  }),
}));
