// Keyword: a search term of a site's sector, its numbers and intent, its cluster; the list with
// filters, CRUD, bulk actions, imports from CSV, a pasted list or the seed library, and export.
import { KEYWORD_INTENTS, type KeywordIntent } from '@igny8/db/planner';
import { callerOf, connectionOf, loadReference, scopePresets } from '@igny8/lib';
import { z } from 'zod';
import { builder, type PlannerContext } from '../builder.js';
import { exportKeywordsCsv } from '../domain/exports.js';
import { addSeedKeywords, importKeywords, type KeywordImportReport } from '../domain/keyword-import.js';
import type { KeywordFilter, KeywordRow } from '../domain/keywords.js';
import * as keywords from '../domain/keywords.js';
import * as v from '../domain/validation.js';
import { ClusterRef, loadCluster } from './cluster.js';
import {
  IntentSourceEnum,
  KeywordIntentEnum,
  KeywordOrderFieldEnum,
  KeywordSourceEnum,
  KeywordStatusEnum,
  SortDirectionEnum,
} from './enums.js';
import { enumCountRef, KeywordIntentCount } from './facets.js';
import { CsvExportRef, DeletePayload } from './payloads.js';
import { refOf, SectorRef, SiteRef, UserRef } from './refs.js';

export const KeywordRef = builder.objectRef<KeywordRow>('Keyword');

const loadKeyword = (ctx: PlannerContext, id: string) =>
  loadReference(ctx, 'Keyword', (caller, ids) => keywords.keywordsByIds(ctx.planner, caller, ids), id);

builder.asEntity(KeywordRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadKeyword(ctx, ref.id),
});

KeywordRef.implement({
  description: "A search term of a site's sector, with its search numbers, intent and cluster.",
  fields: (t) => ({
    id: t.exposeID('id'),
    keyword: t.exposeString('keyword', { description: 'Normalised: lower case, single spaces.' }),
    volume: t.exposeInt('volume', { nullable: true, description: 'Monthly searches (null when unknown).' }),
    difficulty: t.exposeInt('difficulty', { nullable: true, description: 'Ranking difficulty, 0–100.' }),
    cpc: t.float({
      nullable: true,
      description: 'Cost per click in currency units (USD unless the import said otherwise).',
      resolve: (k) => (k.cpcCents == null ? null : k.cpcCents / 100),
    }),
    intent: t.field({ type: KeywordIntentEnum, resolve: (k) => k.intent }),
    intentConfidence: t.exposeFloat('intentConfidence', { description: 'How sure the intent is, 0–1.' }),
    intentSource: t.field({ type: IntentSourceEnum, resolve: (k) => k.intentSource }),
    status: t.field({ type: KeywordStatusEnum, resolve: (k) => k.status }),
    source: t.field({ type: KeywordSourceEnum, resolve: (k) => k.source }),
    country: t.exposeString('country', { nullable: true }),
    language: t.exposeString('language', { nullable: true }),
    siteId: t.exposeID('siteId'),
    sectorId: t.exposeID('sectorId'),
    site: t.field({ type: SiteRef, resolve: (k) => ({ id: k.siteId }) }),
    sector: t.field({ type: SectorRef, resolve: (k) => ({ id: k.sectorId }) }),
    clusterId: t.exposeID('clusterId', { nullable: true }),
    cluster: t.field({
      type: ClusterRef,
      nullable: true,
      resolve: (k, _args, ctx) => (k.clusterId ? loadCluster(ctx, k.clusterId) : null),
    }),
    createdBy: t.field({ type: UserRef, nullable: true, resolve: (k) => refOf(k.createdBy) }),
    createdAt: t.field({ type: 'DateTime', resolve: (k) => k.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (k) => k.updatedAt }),
  }),
});

const KeywordFilterInput = builder.inputType('KeywordFilter', {
  validate: z.looseObject({
    siteId: v.uuid.nullish(),
    sectorId: v.uuid.nullish(),
    clusterId: v.uuid.nullish(),
    search: v.search.nullish(),
    ids: z.array(v.uuid).max(keywords.BULK_MAX).nullish(),
  }),
  fields: (t) => ({
    siteId: t.id(),
    sectorId: t.id(),
    status: t.field({ type: [KeywordStatusEnum] }),
    intent: t.field({ type: [KeywordIntentEnum] }),
    source: t.field({ type: [KeywordSourceEnum] }),
    clusterId: t.id(),
    unclustered: t.boolean({ description: 'Only keywords in no cluster.' }),
    volumeMin: t.int(),
    volumeMax: t.int(),
    difficultyMin: t.int(),
    difficultyMax: t.int(),
    search: t.string({ description: 'Part of the keyword.' }),
    ids: t.idList(),
  }),
});

const KeywordOrderInput = builder.inputType('KeywordOrder', {
  fields: (t) => ({
    field: t.field({ type: KeywordOrderFieldEnum, required: true }),
    direction: t.field({ type: SortDirectionEnum, required: true }),
  }),
});

type FilterArg = typeof KeywordFilterInput.$inferInput | null | undefined;

export const keywordFilterOf = (f: FilterArg): KeywordFilter => ({
  siteId: f?.siteId,
  sectorId: f?.sectorId,
  statuses: f?.status,
  intents: f?.intent,
  sources: f?.source,
  clusterId: f?.clusterId,
  unclustered: f?.unclustered,
  volumeMin: f?.volumeMin,
  volumeMax: f?.volumeMax,
  difficultyMin: f?.difficultyMin,
  difficultyMax: f?.difficultyMax,
  search: f?.search?.trim(),
  ids: f?.ids?.map(String),
});

const keywordRules = {
  volume: v.volume.nullish(),
  difficulty: v.difficulty.nullish(),
  cpc: v.cpc.nullish(),
  country: v.country.nullish(),
  language: v.language.nullish(),
};

const CreateKeywordInput = builder.inputType('CreateKeywordInput', {
  validate: z.looseObject({ siteId: v.uuid, sectorId: v.uuid, keyword: z.string(), ...keywordRules }),
  fields: (t) => ({
    siteId: t.id({ required: true }),
    sectorId: t.id({ required: true }),
    keyword: t.string({ required: true }),
    volume: t.int(),
    difficulty: t.int(),
    cpc: t.float({ description: 'In currency units, e.g. 1.25.' }),
    intent: t.field({ type: KeywordIntentEnum, description: 'Leave out to let the rules decide.' }),
    country: t.string({ description: 'Two-letter code, e.g. US.' }),
    language: t.string({ description: 'e.g. en or pt-BR.' }),
  }),
});

const UpdateKeywordInput = builder.inputType('UpdateKeywordInput', {
  validate: z.looseObject({ id: v.uuid, ...keywordRules }),
  fields: (t) => ({
    id: t.id({ required: true }),
    keyword: t.string(),
    volume: t.int(),
    difficulty: t.int(),
    cpc: t.float(),
    intent: t.field({ type: KeywordIntentEnum }),
    status: t.field({ type: KeywordStatusEnum }),
    country: t.string(),
    language: t.string(),
  }),
});

const bulkIds = { ids: v.ids(keywords.BULK_MAX) };

const DeleteKeywordsInput = builder.inputType('DeleteKeywordsInput', {
  validate: z.looseObject(bulkIds),
  fields: (t) => ({ ids: t.idList({ required: true }) }),
});

const SetKeywordsStatusInput = builder.inputType('SetKeywordsStatusInput', {
  validate: z.looseObject(bulkIds),
  fields: (t) => ({
    ids: t.idList({ required: true }),
    status: t.field({ type: KeywordStatusEnum, required: true }),
  }),
});

const AssignKeywordsInput = builder.inputType('AssignKeywordsToClusterInput', {
  validate: z.looseObject({ ...bulkIds, clusterId: v.uuid.nullish() }),
  fields: (t) => ({
    ids: t.idList({ required: true }),
    clusterId: t.id({ description: 'A cluster of the same site and sector; null takes them out of their cluster.' }),
  }),
});

const ImportKeywordsInput = builder.inputType('ImportKeywordsInput', {
  validate: z
    .looseObject({
      siteId: v.uuid,
      sectorId: v.uuid,
      csv: z
        .string()
        .max(v.CSV_MAX_BYTES, 'is too big for one request: upload it to /api/v1/planner/keywords/import/ instead')
        .nullish(),
      list: z.string().max(v.CSV_MAX_BYTES, 'is too long: import it as a CSV file instead').nullish(),
    })
    .refine((input) => !!input.csv !== !!input.list, { message: 'give either csv or list', path: ['csv'] }),
  fields: (t) => ({
    siteId: t.id({ required: true }),
    sectorId: t.id({ required: true }),
    csv: t.string({
      description:
        'A CSV file with a header row: keyword (or query, term…), and optionally volume, difficulty (kd), cpc, intent, country, language.',
    }),
    list: t.string({ description: 'Keywords pasted one per line.' }),
  }),
});

const AddSeedKeywordsInput = builder.inputType('AddSeedKeywordsInput', {
  validate: z.looseObject({
    siteId: v.uuid,
    sectorId: v.uuid,
    seedKeywordIds: z.array(v.uuid).max(keywords.BULK_MAX).nullish(),
  }),
  fields: (t) => ({
    siteId: t.id({ required: true }),
    sectorId: t.id({ required: true }),
    seedKeywordIds: t.idList({
      description: "The seed keywords to add; absent: every seed keyword of the sector's industry sector.",
    }),
    intent: t.field({
      type: [KeywordIntentEnum],
      description: 'Only seeds of these intents (when adding a whole sector).',
    }),
    volumeMin: t.int(),
  }),
});

const RejectedRowRef = builder
  .objectRef<KeywordImportReport['rejectedRows'][number]>('KeywordImportRejectedRow')
  .implement({
    description: 'A row that was not imported, and why.',
    fields: (t) => ({
      line: t.exposeInt('line', { description: 'The line in the file (the header is line 1); 0 for seed keywords.' }),
      keyword: t.exposeString('keyword', { nullable: true }),
      reason: t.exposeString('reason', { description: 'What is wrong, and what to fix.' }),
    }),
  });

const ImportReportRef = builder.objectRef<KeywordImportReport>('KeywordImportReport').implement({
  description: 'What an import did: every row is added, a duplicate, or rejected with its reason.',
  fields: (t) => ({
    rows: t.exposeInt('rows', { description: 'Rows read (blank lines not counted).' }),
    added: t.exposeInt('added'),
    duplicates: t.exposeInt('duplicates', { description: 'Already in the sector, or repeated in the file.' }),
    rejected: t.exposeInt('rejected'),
    rejectedRows: t.field({
      type: [RejectedRowRef],
      description: 'The rejected rows with line and reason (the first 10,000).',
      resolve: (r) => r.rejectedRows,
    }),
    limitReached: t.exposeBoolean('limitReached', { description: "True when the plan's keyword limit stopped rows." }),
  }),
});

const BulkKeywordsPayload = builder.objectRef<{ keywords: KeywordRow[] }>('BulkKeywordsPayload').implement({
  fields: (t) => ({
    count: t.int({ resolve: (p) => p.keywords.length }),
    keywords: t.field({ type: [KeywordRef], resolve: (p) => p.keywords }),
  }),
});

const KeywordConnection = builder.connectionObject(
  { type: KeywordRef, name: 'KeywordConnection' },
  { name: 'KeywordEdge' },
);

builder.objectField(ClusterRef, 'keywords', (t) =>
  t.connection(
    {
      type: KeywordRef,
      description: "The cluster's keywords (default: highest volume first).",
      args: { orderBy: t.arg({ type: KeywordOrderInput }) },
      resolve: (cluster, args, ctx) =>
        connectionOf(args, (page) =>
          keywords.listKeywords(ctx.planner, callerOf(ctx), {
            filter: { clusterId: cluster.id },
            orderBy: args.orderBy,
            page,
          }),
        ),
    },
    KeywordConnection,
  ),
);

const KeywordStatusCount = enumCountRef('KeywordStatusCount', KeywordStatusEnum);
const KeywordSourceCount = enumCountRef('KeywordSourceCount', KeywordSourceEnum);
const KeywordClusterCount = builder
  .objectRef<keywords.KeywordFacets['cluster'][number]>('KeywordClusterCount')
  .implement({
    fields: (t) => ({
      clusterId: t.exposeID('clusterId', { nullable: true, description: 'Null: the keywords in no cluster.' }),
      cluster: t.field({
        type: ClusterRef,
        nullable: true,
        resolve: (c, _args, ctx) => (c.clusterId ? loadCluster(ctx, c.clusterId) : null),
      }),
      count: t.exposeInt('count'),
    }),
  });

const KeywordFacetsRef = builder.objectRef<keywords.KeywordFacets>('KeywordFacets').implement({
  description:
    "The keyword list's filter options: how many matching keywords have each value (values none has are left out). Each facet is counted under every filter but its own, so picking a status narrows the intents, not the statuses.",
  fields: (t) => ({
    status: t.field({ type: [KeywordStatusCount], resolve: (f) => f.status }),
    intent: t.field({ type: [KeywordIntentCount], resolve: (f) => f.intent }),
    source: t.field({ type: [KeywordSourceCount], resolve: (f) => f.source }),
    cluster: t.field({ type: [KeywordClusterCount], resolve: (f) => f.cluster }),
  }),
});

const KeywordSectorStatsRef = builder.objectRef<keywords.KeywordSectorStatsRow>('KeywordSectorStats').implement({
  description: "What one sector's keywords add up to (sectors without keywords are left out).",
  fields: (t) => ({
    site: t.field({ type: SiteRef, resolve: (r) => ({ id: r.siteId }) }),
    sector: t.field({ type: SectorRef, resolve: (r) => ({ id: r.sectorId }) }),
    siteId: t.exposeID('siteId'),
    sectorId: t.exposeID('sectorId'),
    total: t.exposeInt('total', { description: 'Keywords in the sector.' }),
    clustered: t.exposeInt('clustered', { description: 'In a cluster.' }),
    unclustered: t.exposeInt('unclustered', {
      description: 'In no cluster and not archived: what auto-cluster takes.',
    }),
    statusNew: t.exposeInt('statusNew'),
    statusClustered: t.exposeInt('statusClustered'),
    statusMapped: t.exposeInt('statusMapped'),
    statusArchived: t.exposeInt('statusArchived'),
    informational: t.exposeInt('informational'),
    commercial: t.exposeInt('commercial'),
    transactional: t.exposeInt('transactional'),
    navigational: t.exposeInt('navigational'),
    clusters: t.exposeInt('clusters', { description: 'Clusters its keywords are in.' }),
    totalVolume: t.exposeInt('totalVolume'),
    avgVolume: t.exposeInt('avgVolume', { nullable: true, description: 'Of the keywords with a volume.' }),
    avgDifficulty: t.exposeInt('avgDifficulty', { nullable: true, description: 'Of the keywords with a difficulty.' }),
  }),
});

builder.queryFields((t) => ({
  keywords: t.connection(
    {
      type: KeywordRef,
      description: 'Your keywords, filtered and sorted (default: highest volume first).',
      authScopes: scopePresets.member,
      args: {
        filter: t.arg({ type: KeywordFilterInput }),
        orderBy: t.arg({ type: KeywordOrderInput }),
      },
      resolve: (_root, args, ctx) =>
        connectionOf(args, (page) =>
          keywords.listKeywords(ctx.planner, callerOf(ctx), {
            filter: keywordFilterOf(args.filter),
            orderBy: args.orderBy,
            page,
          }),
        ),
    },
    KeywordConnection,
  ),
  keyword: t.field({
    type: KeywordRef,
    authScopes: scopePresets.member,
    args: { id: t.arg.id({ required: true, validate: v.uuid }) },
    resolve: (_root, args, ctx) => keywords.getKeyword(ctx.planner, callerOf(ctx), args.id),
  }),
  keywordSectorStats: t.field({
    type: [KeywordSectorStatsRef],
    description: "Per sector, what the account's keywords add up to (of one site when given). One query.",
    authScopes: scopePresets.member,
    args: { siteId: t.arg.id({ validate: v.uuid }) },
    resolve: (_root, args, ctx) => keywords.keywordSectorStats(ctx.planner, callerOf(ctx), args.siteId),
  }),
  keywordFacets: t.field({
    type: KeywordFacetsRef,
    description: 'Counts per status, intent, source and cluster of the keywords the filter matches (one query).',
    authScopes: scopePresets.member,
    args: { filter: t.arg({ type: KeywordFilterInput }) },
    resolve: (_root, args, ctx) => keywords.keywordFacets(ctx.planner, callerOf(ctx), keywordFilterOf(args.filter)),
  }),
  keywordsCsv: t.field({
    type: CsvExportRef,
    description:
      'The matching keywords as a CSV file, streamed into a download link (keyword, volume, difficulty, cpc, intent, status, cluster, …).',
    authScopes: scopePresets.member,
    args: { filter: t.arg({ type: KeywordFilterInput }) },
    resolve: (_root, args, ctx) => exportKeywordsCsv(ctx.planner, callerOf(ctx), keywordFilterOf(args.filter)),
  }),
  keywordIntents: t.field({
    type: [KeywordIntentEnum],
    description: 'The intents a keyword can have.',
    resolve: () => [...KEYWORD_INTENTS] as KeywordIntent[],
  }),
}));

builder.mutationFields((t) => ({
  createKeyword: t.field({
    type: KeywordRef,
    description: 'Adds one keyword to a sector (CONFLICT when the sector has it already).',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: CreateKeywordInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      keywords.createKeyword(ctx.planner, callerOf(ctx), { siteId: input.siteId, sectorId: input.sectorId }, input),
  }),
  updateKeyword: t.field({
    type: KeywordRef,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: UpdateKeywordInput, required: true }) },
    resolve: (_root, { input }, ctx) => keywords.updateKeyword(ctx.planner, callerOf(ctx), input.id, input),
  }),
  deleteKeywords: t.field({
    type: DeletePayload,
    description: 'Deletes keywords; their clusters keep the rest.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: DeleteKeywordsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      deletedCount: await keywords.deleteKeywords(ctx.planner, callerOf(ctx), input.ids.map(String)),
    }),
  }),
  setKeywordsStatus: t.field({
    type: BulkKeywordsPayload,
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: SetKeywordsStatusInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      keywords: await keywords.setKeywordsStatus(ctx.planner, callerOf(ctx), input.ids.map(String), input.status),
    }),
  }),
  assignKeywordsToCluster: t.field({
    type: BulkKeywordsPayload,
    description: 'Moves keywords into a cluster of their sector, or (clusterId null) out of their cluster.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: AssignKeywordsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      keywords: await keywords.assignKeywordsToCluster(
        ctx.planner,
        callerOf(ctx),
        input.ids.map(String),
        input.clusterId ?? null,
      ),
    }),
  }),
  importKeywords: t.field({
    type: ImportReportRef,
    description:
      'Imports a CSV file or a pasted list into a sector. Good rows are added, duplicates skipped and bad rows reported by line with the reason; importing the same file again adds nothing.',
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: ImportKeywordsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      importKeywords(
        ctx.planner,
        callerOf(ctx),
        { siteId: input.siteId, sectorId: input.sectorId },
        input.csv ? { kind: 'csv', data: input.csv } : { kind: 'list', text: input.list ?? '' },
      ),
  }),
  addSeedKeywords: t.field({
    type: ImportReportRef,
    description: "Adds keywords from the seed library of the site's industry to a sector.",
    authScopes: scopePresets.editor,
    args: { input: t.arg({ type: AddSeedKeywordsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      addSeedKeywords(
        ctx.planner,
        callerOf(ctx),
        { siteId: input.siteId, sectorId: input.sectorId },
        {
          seedKeywordIds: input.seedKeywordIds?.map(String) ?? null,
          filter: { intents: input.intent, volumeMin: input.volumeMin },
        },
      ),
  }),
}));
