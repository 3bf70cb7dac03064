// Tables of the planner subgraph (schema "planner"): an account's keywords, the clusters they are
// grouped into and the content ideas made from clusters, plus the global seed keyword library.
// Sites and sectors live in the system subgraph: site_id/sector_id are references by value.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { CONTENT_TYPES } from '../vocabulary.js';

export const planner = pgSchema('planner');

export const KEYWORD_INTENTS = ['informational', 'commercial', 'transactional', 'navigational'] as const;
export type KeywordIntent = (typeof KEYWORD_INTENTS)[number];
export const KEYWORD_STATUSES = ['new', 'clustered', 'mapped', 'archived'] as const;
export type KeywordStatus = (typeof KEYWORD_STATUSES)[number];
export const KEYWORD_SOURCES = ['manual', 'import', 'seed'] as const;
export type KeywordSource = (typeof KEYWORD_SOURCES)[number];
/** Where a keyword's intent came from: the rules, the imported file, the AI provider or a person. */
export const INTENT_SOURCES = ['rules', 'import', 'ai', 'manual'] as const;
export type IntentSource = (typeof INTENT_SOURCES)[number];
export const CLUSTER_STATUSES = ['new', 'ideas_generated', 'mapped', 'archived'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];
export const CLUSTER_CONTEXT_TYPES = ['topic', 'product', 'service', 'category'] as const;
export type ClusterContextType = (typeof CLUSTER_CONTEXT_TYPES)[number];
export { CONTENT_TYPES, type ContentType } from '../vocabulary.js';
export const IDEA_STATUSES = ['new', 'queued', 'completed'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Global: the shipped keyword library, by the slugs of system's industry and sector templates. */
export const seedKeywords = planner.table(
  'seed_keywords',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    industrySlug: text('industry_slug').notNull(),
    sectorSlug: text('sector_slug').notNull(),
    keyword: text('keyword').notNull(),
    volume: integer('volume').notNull(),
    difficulty: integer('difficulty').notNull(),
    intent: text('intent', { enum: KEYWORD_INTENTS }).notNull(),
  },
  (t) => [
    uniqueIndex('seed_keywords_unique').on(t.industrySlug, t.sectorSlug, t.keyword),
    check('seed_keywords_difficulty_range', sql`${t.difficulty} between 0 and 100`),
  ],
);

/**
 * A cluster's keyword count, volume, difficulty and intent are kept in step with its keywords by
 * the store in the same transaction as every membership change, so lists sort and filter by them.
 */
export const clusters = planner.table(
  'clusters',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    siteId: uuid('site_id').notNull(),
    sectorId: uuid('sector_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: CLUSTER_STATUSES }).notNull().default('new'),
    contextType: text('context_type', { enum: CLUSTER_CONTEXT_TYPES }).notNull().default('topic'),
    intent: text('intent', { enum: KEYWORD_INTENTS }),
    keywordsCount: integer('keywords_count').notNull().default(0),
    totalVolume: integer('total_volume').notNull().default(0),
    avgDifficulty: real('avg_difficulty'),
    /** The auto-cluster job that made it; null for a cluster made by hand. */
    jobId: uuid('job_id'),
    createdBy: uuid('created_by'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    // The target of keywords' and ideas' foreign keys: a keyword's cluster is in its own sector.
    unique('clusters_sector_id').on(t.accountId, t.siteId, t.sectorId, t.id),
    uniqueIndex('clusters_sector_name').on(t.accountId, t.siteId, t.sectorId, t.name),
  ],
);

export const keywords = planner.table(
  'keywords',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    siteId: uuid('site_id').notNull(),
    sectorId: uuid('sector_id').notNull(),
    /** Normalised: trimmed, NFC, lower case, single spaces; unique per site and sector. */
    keyword: text('keyword').notNull(),
    volume: integer('volume'),
    difficulty: integer('difficulty'),
    /** Cost per click in minor units (cents). */
    cpcCents: integer('cpc_cents'),
    intent: text('intent', { enum: KEYWORD_INTENTS }).notNull(),
    intentConfidence: real('intent_confidence').notNull().default(1),
    intentSource: text('intent_source', { enum: INTENT_SOURCES }).notNull().default('rules'),
    status: text('status', { enum: KEYWORD_STATUSES }).notNull().default('new'),
    clusterId: uuid('cluster_id'),
    source: text('source', { enum: KEYWORD_SOURCES }).notNull().default('manual'),
    seedKeywordId: uuid('seed_keyword_id'),
    country: text('country'),
    language: text('language'),
    createdBy: uuid('created_by'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('keywords_sector_keyword').on(t.accountId, t.siteId, t.sectorId, t.keyword),
    index('keywords_account_cluster').on(t.accountId, t.clusterId),
    index('keywords_account_status').on(t.accountId, t.siteId, t.sectorId, t.status),
    // A sector's keywords in id order: the export reads them a page at a time from here.
    index('keywords_account_sector_id').on(t.accountId, t.sectorId, t.id),
    foreignKey({
      name: 'keywords_cluster_fk',
      columns: [t.accountId, t.siteId, t.sectorId, t.clusterId],
      foreignColumns: [clusters.accountId, clusters.siteId, clusters.sectorId, clusters.id],
    }),
    check('keywords_volume_non_negative', sql`${t.volume} is null or ${t.volume} >= 0`),
    check('keywords_difficulty_range', sql`${t.difficulty} is null or ${t.difficulty} between 0 and 100`),
    check('keywords_cpc_non_negative', sql`${t.cpcCents} is null or ${t.cpcCents} >= 0`),
  ],
);

/** One section of an idea's outline: a heading and what it covers. */
export interface IdeaOutlineSection {
  heading: string;
  points: string[];
}

export const contentIdeas = planner.table(
  'content_ideas',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    siteId: uuid('site_id').notNull(),
    sectorId: uuid('sector_id').notNull(),
    clusterId: uuid('cluster_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    contentType: text('content_type', { enum: CONTENT_TYPES }).notNull().default('post'),
    /** The outline: H2 sections with the points each covers. */
    outline: jsonb('outline').$type<IdeaOutlineSection[]>().notNull().default([]),
    targetKeywords: jsonb('target_keywords').$type<string[]>().notNull().default([]),
    estimatedWordCount: integer('estimated_word_count').notNull().default(1500),
    status: text('status', { enum: IDEA_STATUSES }).notNull().default('new'),
    authorProfileId: uuid('author_profile_id'),
    strategyId: uuid('strategy_id'),
    /** The generate-ideas job that made it; null for an idea written by hand. */
    jobId: uuid('job_id'),
    createdBy: uuid('created_by'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    index('content_ideas_account_cluster').on(t.accountId, t.clusterId),
    index('content_ideas_account_job').on(t.accountId, t.jobId),
    foreignKey({
      name: 'content_ideas_cluster_fk',
      columns: [t.accountId, t.siteId, t.sectorId, t.clusterId],
      foreignColumns: [clusters.accountId, clusters.siteId, clusters.sectorId, clusters.id],
    }),
    check('content_ideas_word_count_positive', sql`${t.estimatedWordCount} > 0`),
  ],
);

export const PLANNER_TENANT_TABLES = ['keywords', 'clusters', 'content_ideas'] as const;
