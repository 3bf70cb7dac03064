// Thinker strategies: rules and length targets for content of some types.
import { CONTENT_TYPES, callerOf, connectionOf, enumOf, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder } from '../builder.js';
import type { StrategyRow } from '../domain/strategies.js';
import {
  createStrategy,
  deleteStrategy,
  getStrategy,
  listStrategies,
  MAX_RULES,
  MAX_WORDS,
  MIN_WORDS,
  updateStrategy,
} from '../domain/strategies.js';
import * as v from '../domain/validation.js';
import { ThinkerOrder } from './author-profile.js';

const StrategyContentTypeEnum = enumOf(
  builder,
  'StrategyContentType',
  CONTENT_TYPES,
  'A kind of content a strategy applies to (the contentType of ideas and tasks).',
);

const words = z
  .number()
  .int('must be a whole number')
  .min(MIN_WORDS, `must be at least ${MIN_WORDS}`)
  .max(MAX_WORDS, `must be at most ${MAX_WORDS.toLocaleString('en')}`);
const strategyRules = {
  description: z.string().trim().max(1_000, 'must be at most 1,000 characters').nullish(),
  contentTypes: z.array(z.string()).min(1, 'must name at least one content type'),
  rules: z
    .array(z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'))
    .max(MAX_RULES, `a strategy has at most ${MAX_RULES} rules`)
    .nullish(),
};

const StrategyRef = builder.objectRef<StrategyRow>('Strategy').implement({
  description: 'How content of some types is written: rules the writer follows and a length target.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    contentTypes: t.field({
      type: [StrategyContentTypeEnum],
      resolve: (s) => s.contentTypes as (typeof CONTENT_TYPES)[number][],
    }),
    rules: t.exposeStringList('rules', { description: 'Instructions the writer follows, in order.' }),
    minWords: t.exposeInt('minWords'),
    maxWords: t.exposeInt('maxWords'),
    isDefault: t.exposeBoolean('isDefault', { description: 'Used when an operation names no strategy.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (s) => s.updatedAt }),
  }),
});

const CreateStrategyInput = builder.inputType('CreateStrategyInput', {
  validate: z.looseObject({ name: v.title, ...strategyRules, minWords: words, maxWords: words }),
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string(),
    contentTypes: t.field({ type: [StrategyContentTypeEnum], required: true }),
    rules: t.stringList(),
    minWords: t.int({ required: true }),
    maxWords: t.int({ required: true, description: 'At least minWords.' }),
    isDefault: t.boolean({ description: 'Makes it the default, in place of the current one.' }),
  }),
});

const UpdateStrategyInput = builder.inputType('UpdateStrategyInput', {
  validate: z.looseObject({
    id: v.uuid,
    name: v.title.nullish(),
    ...strategyRules,
    contentTypes: strategyRules.contentTypes.nullish(),
    minWords: words.nullish(),
    maxWords: words.nullish(),
  }),
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    description: t.string(),
    contentTypes: t.field({ type: [StrategyContentTypeEnum] }),
    rules: t.stringList(),
    minWords: t.int(),
    maxWords: t.int(),
    isDefault: t.boolean(),
  }),
});

const DeleteStrategyInput = builder.inputType('DeleteStrategyInput', {
  fields: (t) => ({ id: t.id({ required: true, validate: v.uuid }) }),
});

builder.queryFields((t) => ({
  strategies: t.connection({
    type: StrategyRef,
    authScopes: scopePresets.member,
    args: {
      search: t.arg.string({ description: 'Matches name or description.', validate: v.shortText }),
      orderBy: t.arg({ type: ThinkerOrder }),
    },
    resolve: (_root, { search, orderBy, ...page }, ctx) =>
      connectionOf(page, (window) => listStrategies(ctx.system, callerOf(ctx), { search, orderBy, page: window })),
  }),
  strategy: t.field({
    type: StrategyRef,
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => getStrategy(ctx.system, callerOf(ctx), args.id),
  }),
}));

builder.mutationFields((t) => ({
  createStrategy: t.field({
    type: StrategyRef,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: CreateStrategyInput, required: true }) },
    resolve: (_root, { input }, ctx) => createStrategy(ctx.system, callerOf(ctx), input),
  }),
  updateStrategy: t.field({
    type: StrategyRef,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: UpdateStrategyInput, required: true }) },
    resolve: (_root, { input: { id, ...changes } }, ctx) => updateStrategy(ctx.system, callerOf(ctx), id, changes),
  }),
  deleteStrategy: t.id({
    description: 'Deletes the strategy. Returns its id.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: DeleteStrategyInput, required: true }) },
    resolve: (_root, { input }, ctx) => deleteStrategy(ctx.system, callerOf(ctx), input.id),
  }),
}));
