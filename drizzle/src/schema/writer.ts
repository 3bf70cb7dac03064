// Tables of the writer subgraph (schema "writer"): the tasks queued from ideas (or made by hand),
// the articles written for them with every revision, their images, and each site's categories and
// tags. Sites, sectors, clusters and ideas live in other subgraphs: their ids are references by value.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';
import { CONTENT_TYPES } from '../vocabulary.js';

export const writer = pgSchema('writer');

export { CONTENT_TYPES, type ContentType } from '../vocabulary.js';

/** How an article is built (the original's content structures): it decides tables, lists and the outline's shape. */
export const CONTENT_STRUCTURES = [
  'article',
  'guide',
  'how_to',
  'comparison',
  'review',
  'listicle',
  'landing_page',
  'service_page',
  'product_page',
  'cluster_hub',
] as const;
export type ContentStructure = (typeof CONTENT_STRUCTURES)[number];
export const TASK_STATUSES = ['queued', 'in_progress', 'completed', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const CONTENT_STATUSES = ['draft', 'review', 'approved', 'published', 'archived'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];
/** What made a revision: a generation job, a person's save, or a restore of an older revision. */
export const REVISION_SOURCES = ['ai', 'human', 'restore'] as const;
export type RevisionSource = (typeof REVISION_SOURCES)[number];
export const IMAGE_KINDS = ['featured', 'in_article'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];
export const IMAGE_STATUSES = ['pending', 'generated', 'failed'] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];
export const TAXONOMIES = ['category', 'tag'] as const;
export type Taxonomy = (typeof TAXONOMIES)[number];

/** One H2 section of an outline, with the points it covers and its H3 subsections. */
export interface OutlineSection {
  heading: string;
  points: string[];
  subsections?: { heading: string; points: string[] }[];
}

/** Where an AI revision came from: enough to reproduce and to cost it. */
export interface RevisionProvenance {
  provider: string;
  model: string;
  promptType: string;
  /** SHA-256 of the resolved prompt text the provider received. */
  promptHash: string;
  /** The prompt's version in the Thinker library (its update time), or 'default'. */
  promptVersion: string;
  inputs: Record<string, unknown>;
  inputTokens: number;
  outputTokens: number;
  credits: number;
  /** The provider was the offline sample writer: the text is sample text. */
  offline: boolean;
}

/** A warning found when a draft was written: the other article it competes with. */
export interface ContentFlag {
  kind: 'cannibalization' | 'near_duplicate';
  otherContentId: string;
  otherTitle: string;
  /** The shared primary keyword, or the similarity (0–1) of the two texts. */
  detail: string;
}

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const tasks = writer.table(
  'tasks',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    siteId: uuid('site_id').notNull(),
    sectorId: uuid('sector_id').notNull(),
    clusterId: uuid('cluster_id'),
    /** The planner idea it was queued from; null for a task made by hand. */
    ideaId: uuid('idea_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    primaryKeyword: text('primary_keyword').notNull(),
    secondaryKeywords: jsonb('secondary_keywords').$type<string[]>().notNull().default([]),
    outline: jsonb('outline').$type<OutlineSection[]>().notNull().default([]),
    contentType: text('content_type', { enum: CONTENT_TYPES }).notNull().default('post'),
    contentStructure: text('content_structure', { enum: CONTENT_STRUCTURES }).notNull().default('article'),
    wordCountTarget: integer('word_count_target').notNull().default(1200),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('queued'),
    /** Why the last generation failed, in words a person can act on. */
    error: text('error'),
    contentId: uuid('content_id'),
    authorProfileId: uuid('author_profile_id'),
    strategyId: uuid('strategy_id'),
    createdBy: uuid('created_by'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('tasks_account_idea').on(t.accountId, t.ideaId),
    index('tasks_account_site_status').on(t.accountId, t.siteId, t.status),
    index('tasks_account_cluster').on(t.accountId, t.clusterId),
    check('tasks_word_count_range', sql`${t.wordCountTarget} between 300 and 10000`),
  ],
);

export const contents = writer.table(
  'contents',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    siteId: uuid('site_id').notNull(),
    sectorId: uuid('sector_id').notNull(),
    clusterId: uuid('cluster_id'),
    taskId: uuid('task_id'),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    /** The body: sanitised HTML from the first H2 on (the title is the only H1 and is held apart). */
    html: text('html').notNull().default(''),
    excerpt: text('excerpt').notNull().default(''),
    metaTitle: text('meta_title').notNull().default(''),
    metaDescription: text('meta_description').notNull().default(''),
    primaryKeyword: text('primary_keyword').notNull().default(''),
    secondaryKeywords: jsonb('secondary_keywords').$type<string[]>().notNull().default([]),
    outline: jsonb('outline').$type<OutlineSection[]>().notNull().default([]),
    wordCount: integer('word_count').notNull().default(0),
    wordCountTarget: integer('word_count_target'),
    contentType: text('content_type', { enum: CONTENT_TYPES }).notNull().default('post'),
    contentStructure: text('content_structure', { enum: CONTENT_STRUCTURES }).notNull().default('article'),
    status: text('status', { enum: CONTENT_STATUSES }).notNull().default('draft'),
    /** The reviewer's note on the last rejection (kept until the next review). */
    reviewNote: text('review_note'),
    /** schema.org JSON-LD (`Article`, plus `FAQPage` when the article has an FAQ). */
    schemaMarkup: jsonb('schema_markup').$type<Record<string, unknown>[]>().notNull().default([]),
    featuredImageId: uuid('featured_image_id'),
    flags: jsonb('flags').$type<ContentFlag[]>().notNull().default([]),
    /** Written by the offline sample writer, not a model. */
    sampleText: boolean('sample_text').notNull().default(false),
    externalId: text('external_id'),
    externalUrl: text('external_url'),
    /** The optimizer's score (0–100), when analysed. */
    score: integer('score'),
    /** Bumped on every save: a save that names an older version is a conflict. */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('contents_account_site_slug').on(t.accountId, t.siteId, t.slug),
    index('contents_account_site_status').on(t.accountId, t.siteId, t.status),
    index('contents_account_cluster').on(t.accountId, t.clusterId),
    index('contents_account_task').on(t.accountId, t.taskId),
  ],
);

export const contentRevisions = writer.table(
  'content_revisions',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    contentId: uuid('content_id').notNull(),
    number: integer('number').notNull(),
    source: text('source', { enum: REVISION_SOURCES }).notNull(),
    title: text('title').notNull(),
    html: text('html').notNull(),
    metaTitle: text('meta_title').notNull().default(''),
    metaDescription: text('meta_description').notNull().default(''),
    wordCount: integer('word_count').notNull().default(0),
    /** For an AI revision: provider, model, prompt hash and version, inputs, tokens, credits. */
    provenance: jsonb('provenance').$type<RevisionProvenance>(),
    /** The revision a restore copied. */
    restoredFrom: integer('restored_from'),
    jobId: uuid('job_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('content_revisions_number').on(t.accountId, t.contentId, t.number),
    foreignKey({
      name: 'content_revisions_content_fk',
      columns: [t.accountId, t.contentId],
      foreignColumns: [contents.accountId, contents.id],
    }).onDelete('cascade'),
  ],
);

export const images = writer.table(
  'images',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    contentId: uuid('content_id').notNull(),
    kind: text('kind', { enum: IMAGE_KINDS }).notNull(),
    /** 0 for the featured image; 1…N for in-article images, placed after the N-th H2. */
    position: integer('position').notNull().default(0),
    prompt: text('prompt').notNull().default(''),
    altText: text('alt_text').notNull().default(''),
    caption: text('caption').notNull().default(''),
    status: text('status', { enum: IMAGE_STATUSES }).notNull().default('pending'),
    error: text('error'),
    /** The stored file's key (one file per content hash) and what it is. */
    fileKey: text('file_key'),
    mimeType: text('mime_type'),
    bytes: integer('bytes'),
    width: integer('width'),
    height: integer('height'),
    provider: text('provider'),
    model: text('model'),
    /** Uploaded by a person rather than generated. */
    uploaded: boolean('uploaded').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('images_content_kind_position').on(t.accountId, t.contentId, t.kind, t.position),
    index('images_account_status').on(t.accountId, t.status),
    foreignKey({
      name: 'images_content_fk',
      columns: [t.accountId, t.contentId],
      foreignColumns: [contents.accountId, contents.id],
    }).onDelete('cascade'),
  ],
);

export const terms = writer.table(
  'terms',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    siteId: uuid('site_id').notNull(),
    taxonomy: text('taxonomy', { enum: TAXONOMIES }).notNull(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    /** Categories nest; tags do not. */
    parentId: uuid('parent_id'),
    description: text('description').notNull().default(''),
    /** The WordPress term id once synced. */
    externalId: text('external_id'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('terms_site_taxonomy_slug').on(t.accountId, t.siteId, t.taxonomy, t.slug),
    foreignKey({
      name: 'terms_parent_fk',
      columns: [t.accountId, t.parentId],
      foreignColumns: [t.accountId, t.id],
    }).onDelete('set null'),
    check('terms_tags_flat', sql`${t.taxonomy} = 'category' or ${t.parentId} is null`),
  ],
);

export const contentTerms = writer.table(
  'content_terms',
  {
    accountId: uuid('account_id').notNull(),
    contentId: uuid('content_id').notNull(),
    termId: uuid('term_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.contentId, t.termId] }),
    index('content_terms_term').on(t.accountId, t.termId),
    foreignKey({
      name: 'content_terms_content_fk',
      columns: [t.accountId, t.contentId],
      foreignColumns: [contents.accountId, contents.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'content_terms_term_fk',
      columns: [t.accountId, t.termId],
      foreignColumns: [terms.accountId, terms.id],
    }).onDelete('cascade'),
  ],
);

export const WRITER_TENANT_TABLES = [
  'tasks',
  'contents',
  'content_revisions',
  'images',
  'terms',
  'content_terms',
] as const;
