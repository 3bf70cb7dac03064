// SeedKeyword: the shipped keyword library by industry and sector, browsable and filterable.
import { callerOf, connectionOf, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder } from '../builder.js';
import type { SeedKeywordRow } from '../domain/seeds.js';
import { listSeedKeywords, SEED_SECTORS_MAX } from '../domain/seeds.js';
import * as v from '../domain/validation.js';
import { KeywordIntentEnum } from './enums.js';

const SeedKeywordRef = builder.objectRef<SeedKeywordRow>('SeedKeyword').implement({
  description: 'A keyword of the shipped library, by the industry and sector templates sites are made from.',
  fields: (t) => ({
    id: t.exposeID('id'),
    keyword: t.exposeString('keyword'),
    volume: t.exposeInt('volume'),
    difficulty: t.exposeInt('difficulty'),
    intent: t.field({ type: KeywordIntentEnum, resolve: (k) => k.intent }),
    industrySlug: t.exposeString('industrySlug'),
    sectorSlug: t.exposeString('sectorSlug'),
  }),
});

const SeedKeywordFilter = builder.inputType('SeedKeywordFilter', {
  validate: z.looseObject({
    sectorId: v.uuid.nullish(),
    sectorIds: z.array(v.uuid).max(SEED_SECTORS_MAX, `must name at most ${SEED_SECTORS_MAX} sectors`).nullish(),
    search: v.search.nullish(),
  }),
  fields: (t) => ({
    sectorId: t.id({ description: 'Your sector: the seeds of the industry sector it was made from.' }),
    sectorIds: t.idList({ description: 'Several of your sectors: the seeds of each one’s industry sector.' }),
    industrySlug: t.string(),
    sectorSlug: t.string(),
    intent: t.field({ type: [KeywordIntentEnum] }),
    volumeMin: t.int(),
    difficultyMax: t.int(),
    search: t.string(),
  }),
});

builder.queryFields((t) => ({
  seedKeywords: t.connection(
    {
      type: SeedKeywordRef,
      description: 'The seed keyword library, highest volume first.',
      authScopes: scopePresets.member,
      args: { filter: t.arg({ type: SeedKeywordFilter }) },
      resolve: (_root, args, ctx) =>
        connectionOf(args, (page) =>
          listSeedKeywords(ctx.planner, callerOf(ctx), {
            filter: {
              sectorIds: [
                ...(args.filter?.sectorId ? [String(args.filter.sectorId)] : []),
                ...(args.filter?.sectorIds ?? []).map(String),
              ],
              industrySlug: args.filter?.industrySlug,
              sectorSlugs: args.filter?.sectorSlug ? [args.filter.sectorSlug] : null,
              intents: args.filter?.intent,
              volumeMin: args.filter?.volumeMin,
              difficultyMax: args.filter?.difficultyMax,
              search: args.filter?.search?.trim(),
            },
            page,
          }),
        ),
    },
    { name: 'SeedKeywordConnection' },
    { name: 'SeedKeywordEdge' },
  ),
}));
