// Global catalogue: plans and industry templates.
import { listIndustries, industrySectorsOf, listPlans } from '../domain/account.js';
import { builder, type SystemContext } from '../builder.js';
import { byKeys, loaderFor } from '@igny8/lib';
import * as accountsStore from '../store/accounts.js';
import type { IndustryRow, IndustrySectorRow, PlanRow } from '../store/accounts.js';

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
      resolve: async (industry, _args, ctx) => {
        const loader = loaderFor<string, IndustrySectorRow[]>(ctx, 'industrySectors', async (ids) => {
          const rows = await industrySectorsOf(ctx.system, ids);
          return ids.map((id) => rows.filter((r) => r.industryId === id));
        });
        return (await loader.load(industry.id)) ?? [];
      },
    }),
  }),
});

/** Loads plans by id, batched per request. */
export const loadPlan = (ctx: SystemContext, id: string) =>
  loaderFor<string, PlanRow>(ctx, 'plans', async (ids) =>
    byKeys(ids, await ctx.system.database.system((tx) => accountsStore.findPlansByIds(tx, ids)), (p) => p.id),
  ).load(id);

/** Loads industries by id, batched per request. */
export const loadIndustry = (ctx: SystemContext, id: string) =>
  loaderFor<string, IndustryRow>(ctx, 'industries', async (ids) =>
    byKeys(ids, await ctx.system.database.system((tx) => accountsStore.findIndustriesByIds(tx, ids)), (p) => p.id),
  ).load(id);

builder.queryFields((t) => ({
  plans: t.field({
    type: [PlanRef],
    description: 'Plans on sale (the platform operator also sees internal ones).',
    resolve: (_root, _args, ctx) => listPlans(ctx.system, ctx.principal?.role === 'developer'),
  }),
  industries: t.field({
    type: [IndustryRef],
    description: 'Industry templates with their sectors.',
    resolve: (_root, _args, ctx) => listIndustries(ctx.system),
  }),
}));
