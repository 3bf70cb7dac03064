// Thinker author profiles: the voices content is written in.
import { callerOf, connectionOf, scopePresets, upperCaseEnumValues } from '@igny8/lib';
import { z } from 'zod';
import { builder } from '../builder.js';
import type { AuthorProfileRow } from '../domain/author-profiles.js';
import {
  createAuthorProfile,
  deleteAuthorProfile,
  getAuthorProfile,
  listAuthorProfiles,
  updateAuthorProfile,
} from '../domain/author-profiles.js';
import { THINKER_ORDER_FIELDS } from '../domain/thinker.js';
import * as v from '../domain/validation.js';
import { SortDirectionEnum } from './enums.js';

const ThinkerOrderField = builder.enumType('ThinkerOrderField', { values: upperCaseEnumValues(THINKER_ORDER_FIELDS) });

/** How author profiles and strategies are listed (by name, ascending, unless told). */
export const ThinkerOrder = builder.inputType('ThinkerOrder', {
  fields: (t) => ({
    field: t.field({ type: ThinkerOrderField, required: true }),
    direction: t.field({ type: SortDirectionEnum, required: true }),
  }),
});

const limited = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max.toLocaleString('en')} characters`);
const profileRules = {
  tone: limited(120).nullish(),
  style: limited(1_000).nullish(),
  audience: limited(500).nullish(),
  sampleText: limited(5_000).nullish(),
};

const AuthorProfileRef = builder.objectRef<AuthorProfileRow>('AuthorProfile').implement({
  description: 'A voice content is written in: who writes, how, and for whom.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    tone: t.exposeString('tone', { description: 'e.g. friendly and confident.' }),
    style: t.exposeString('style', { description: 'How sentences, structure and vocabulary read.' }),
    audience: t.exposeString('audience', { description: 'Who the content is written for.' }),
    sampleText: t.exposeString('sampleText', { description: 'A passage in this voice, for the model to imitate.' }),
    isDefault: t.exposeBoolean('isDefault', { description: 'Used when an operation names no profile.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (p) => p.updatedAt }),
  }),
});

const CreateAuthorProfileInput = builder.inputType('CreateAuthorProfileInput', {
  validate: z.looseObject({ name: v.title, ...profileRules }),
  fields: (t) => ({
    name: t.string({ required: true }),
    tone: t.string(),
    style: t.string(),
    audience: t.string(),
    sampleText: t.string(),
    isDefault: t.boolean({ description: 'Makes it the default, in place of the current one.' }),
  }),
});

const UpdateAuthorProfileInput = builder.inputType('UpdateAuthorProfileInput', {
  validate: z.looseObject({ id: v.uuid, name: v.title.nullish(), ...profileRules }),
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    tone: t.string(),
    style: t.string(),
    audience: t.string(),
    sampleText: t.string(),
    isDefault: t.boolean(),
  }),
});

const DeleteAuthorProfileInput = builder.inputType('DeleteAuthorProfileInput', {
  fields: (t) => ({ id: t.id({ required: true, validate: v.uuid }) }),
});

builder.queryFields((t) => ({
  authorProfiles: t.connection({
    type: AuthorProfileRef,
    authScopes: scopePresets.member,
    args: {
      search: t.arg.string({ description: 'Matches name, tone or audience.', validate: v.shortText }),
      orderBy: t.arg({ type: ThinkerOrder }),
    },
    resolve: (_root, { search, orderBy, ...page }, ctx) =>
      connectionOf(page, (window) => listAuthorProfiles(ctx.system, callerOf(ctx), { search, orderBy, page: window })),
  }),
  authorProfile: t.field({
    type: AuthorProfileRef,
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => getAuthorProfile(ctx.system, callerOf(ctx), args.id),
  }),
}));

builder.mutationFields((t) => ({
  createAuthorProfile: t.field({
    type: AuthorProfileRef,
    description: "Refused once the account has as many profiles as its plan's maxAuthorProfiles.",
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: CreateAuthorProfileInput, required: true }) },
    resolve: (_root, { input }, ctx) => createAuthorProfile(ctx.system, callerOf(ctx), input),
  }),
  updateAuthorProfile: t.field({
    type: AuthorProfileRef,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: UpdateAuthorProfileInput, required: true }) },
    resolve: (_root, { input: { id, ...changes } }, ctx) => updateAuthorProfile(ctx.system, callerOf(ctx), id, changes),
  }),
  deleteAuthorProfile: t.id({
    description: 'Deletes the profile. Returns its id.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: DeleteAuthorProfileInput, required: true }) },
    resolve: (_root, { input }, ctx) => deleteAuthorProfile(ctx.system, callerOf(ctx), input.id),
  }),
}));
