// Tables of the system subgraph (schema "system"): accounts, identity, sites, plans, settings.
// Tenant tables key on (account_id, id) and reference each other through account_id, so a row
// can only point at rows of its own account; RLS policies live in the migrations.
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
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../ids.js';

export const system = pgSchema('system');

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

export const ROLES = ['developer', 'owner', 'admin', 'editor', 'viewer', 'system_bot'] as const;
export type Role = (typeof ROLES)[number];
export const ACCOUNT_STATUSES = ['trial', 'active', 'pending_payment', 'suspended', 'cancelled'] as const;
export const USER_STATUSES = ['active', 'invited', 'disabled'] as const;
export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'cancelled'] as const;
export const MODULES = ['planner', 'writer', 'linker', 'optimizer', 'thinker', 'automation'] as const;
export type Module = (typeof MODULES)[number];

/** Global: plans sold to accounts. Prices in minor units. */
export const plans = system.table('plans', {
  id: uuid('id').primaryKey().$defaultFn(newId),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  priceCents: integer('price_cents').notNull(),
  currency: text('currency').notNull().default('USD'),
  billingCycle: text('billing_cycle', { enum: ['monthly', 'annual'] })
    .notNull()
    .default('monthly'),
  includedCredits: integer('included_credits').notNull(),
  maxSites: integer('max_sites').notNull(),
  maxUsers: integer('max_users').notNull(),
  maxKeywords: integer('max_keywords').notNull(),
  maxAuthorProfiles: integer('max_author_profiles').notNull(),
  features: jsonb('features').$type<string[]>().notNull().default([]),
  stripeProductId: text('stripe_product_id'),
  stripePriceId: text('stripe_price_id'),
  isActive: boolean('is_active').notNull().default(true),
  isInternal: boolean('is_internal').notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** Global: industry templates sites are created from. */
export const industries = system.table('industries', {
  id: uuid('id').primaryKey().$defaultFn(newId),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  isActive: boolean('is_active').notNull().default(true),
});

export const industrySectors = system.table(
  'industry_sectors',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    industryId: uuid('industry_id')
      .notNull()
      .references(() => industries.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [uniqueIndex('industry_sectors_industry_slug').on(t.industryId, t.slug)],
);

export const accounts = system.table('accounts', {
  id: uuid('id').primaryKey().$defaultFn(newId),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  status: text('status', { enum: ACCOUNT_STATUSES }).notNull().default('trial'),
  planId: uuid('plan_id')
    .notNull()
    .references(() => plans.id),
  timezone: text('timezone').notNull().default('UTC'),
  billingEmail: text('billing_email'),
  billingAddress: text('billing_address'),
  taxId: text('tax_id'),
  enabledModules: text('enabled_modules').array().$type<Module[]>().notNull().default(sql`'{}'::text[]`),
  ...timestamps,
});

export const users = system.table(
  'users',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().$defaultFn(newId),
    email: text('email').notNull(),
    username: text('username').notNull(),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    passwordHash: text('password_hash'),
    role: text('role', { enum: ROLES }).notNull(),
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    inviteTokenHash: text('invite_token_hash'),
    invitedAt: timestamp('invited_at', { withTimezone: true }),
    preferences: jsonb('preferences').$type<Record<string, unknown>>().notNull().default({}),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /**
     * Carried by every access token as `ver`: raised when the member's role, status or password
     * changes or they sign out everywhere, so tokens signed before stop working at once.
     */
    tokenVersion: integer('token_version').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('users_id').on(t.id),
    uniqueIndex('users_email_lower').on(sql`lower(${t.email})`),
    uniqueIndex('users_invite_token').on(t.inviteTokenHash),
  ],
);

export const refreshTokens = system.table(
  'refresh_tokens',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    userId: uuid('user_id').notNull(),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('refresh_tokens_hash').on(t.tokenHash),
    index('refresh_tokens_family').on(t.accountId, t.familyId),
    foreignKey({ columns: [t.accountId, t.userId], foreignColumns: [users.accountId, users.id] }).onDelete('cascade'),
  ],
);

export const passwordResets = system.table(
  'password_resets',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('password_resets_hash').on(t.tokenHash),
    foreignKey({ columns: [t.accountId, t.userId], foreignColumns: [users.accountId, users.id] }).onDelete('cascade'),
  ],
);

export const apiKeys = system.table(
  'api_keys',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().$defaultFn(newId),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().$type<string[]>().notNull(),
    /** The member who created it; keys of a removed member are revoked, not deleted. */
    createdBy: uuid('created_by').notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.id] }), uniqueIndex('api_keys_prefix').on(t.prefix)],
);

export const subscriptions = system.table(
  'subscriptions',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().$defaultFn(newId),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    status: text('status', { enum: SUBSCRIPTION_STATUSES }).notNull(),
    currentPeriodStart: timestamp('current_period_start', { withTimezone: true }).notNull(),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }).notNull(),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.accountId, t.id] }), uniqueIndex('subscriptions_account').on(t.accountId)],
);

export const sites = system.table(
  'sites',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().$defaultFn(newId),
    name: text('name').notNull(),
    domain: text('domain'),
    industryId: uuid('industry_id').references(() => industries.id),
    language: text('language').notNull().default('en'),
    timezone: text('timezone').notNull().default('UTC'),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('sites_id').on(t.id),
    uniqueIndex('sites_account_name').on(t.accountId, sql`lower(${t.name})`),
  ],
);

export const sectors = system.table(
  'sectors',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    siteId: uuid('site_id').notNull(),
    name: text('name').notNull(),
    industrySectorId: uuid('industry_sector_id').references(() => industrySectors.id),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('sectors_id').on(t.id),
    uniqueIndex('sectors_site_name').on(t.accountId, t.siteId, sql`lower(${t.name})`),
    foreignKey({ columns: [t.accountId, t.siteId], foreignColumns: [sites.accountId, sites.id] }).onDelete('cascade'),
  ],
);

/**
 * Thinker: an account's own text for a prompt type. The shipped defaults live in the system
 * subgraph's prompt catalogue; a type without a row here uses its default.
 */
export const promptOverrides = system.table(
  'prompt_overrides',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().$defaultFn(newId),
    promptType: text('prompt_type').notNull(),
    text: text('text').notNull(),
    /** The member who saved it last; kept when they leave the team, like api_keys.created_by. */
    updatedBy: uuid('updated_by'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('prompt_overrides_account_type').on(t.accountId, t.promptType),
  ],
);

/** Thinker: a voice content is written in (plan-limited by max_author_profiles). */
export const authorProfiles = system.table(
  'author_profiles',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().$defaultFn(newId),
    name: text('name').notNull(),
    tone: text('tone').notNull().default(''),
    style: text('style').notNull().default(''),
    audience: text('audience').notNull().default(''),
    sampleText: text('sample_text').notNull().default(''),
    isDefault: boolean('is_default').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('author_profiles_account_name').on(t.accountId, sql`lower(${t.name})`),
    // At most one default profile per account.
    uniqueIndex('author_profiles_account_default').on(t.accountId).where(sql`${t.isDefault}`),
  ],
);

/** Thinker: how content of some types is written — rules and a length target. */
export const strategies = system.table(
  'strategies',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().$defaultFn(newId),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    contentTypes: text('content_types').array().$type<string[]>().notNull(),
    rules: text('rules').array().$type<string[]>().notNull().default(sql`'{}'::text[]`),
    minWords: integer('min_words').notNull(),
    maxWords: integer('max_words').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('strategies_account_name').on(t.accountId, sql`lower(${t.name})`),
    uniqueIndex('strategies_account_default').on(t.accountId).where(sql`${t.isDefault}`),
    check('strategies_word_range', sql`${t.minWords} > 0 and ${t.minWords} <= ${t.maxWords}`),
  ],
);

/**
 * Thinker → Image testing: a sample image generated from a prompt and image settings. The image
 * itself is a stored file (`file_key` under the account's folder); `job_id` is the job that made
 * it (jobs.jobs, the library's table, which migrates after this schema: no foreign key).
 */
export const testImages = system.table(
  'test_images',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().$defaultFn(newId),
    jobId: uuid('job_id').notNull(),
    /** What the person typed; the text sent to the model may wrap it in the account's image prompt. */
    prompt: text('prompt').notNull(),
    size: text('size').notNull(),
    style: text('style'),
    fileKey: text('file_key').notNull(),
    mimeType: text('mime_type').notNull(),
    /** The model that drew it, as the provider named it. */
    model: text('model').notNull(),
    /** The member who started it; kept when they leave the team, like api_keys.created_by. */
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    // One image per job: a retried job finds its image instead of saving a second one.
    uniqueIndex('test_images_account_job').on(t.accountId, t.jobId),
    index('test_images_account_created').on(t.accountId, t.createdAt.desc(), t.id.desc()),
  ],
);

export const AI_SETTINGS_PROVIDERS = ['env', 'offline', 'openai'] as const;
export type AiSettingsProvider = (typeof AI_SETTINGS_PROVIDERS)[number];

/**
 * An account's AI settings: the provider its jobs call and the defaults they use. No row, or
 * provider 'env', means the platform default from the environment; a null model means the
 * environment's model. The API key is stored only encrypted (AES-256-GCM under a key derived from
 * the service secret, the account id as associated data); its last four characters let a person
 * recognise it.
 */
export const aiSettings = system.table(
  'ai_settings',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: AI_SETTINGS_PROVIDERS }).notNull().default('env'),
    baseUrl: text('base_url'),
    apiKeyCiphertext: text('api_key_ciphertext'),
    apiKeyLast4: text('api_key_last4'),
    chatModel: text('chat_model'),
    embeddingModel: text('embedding_model'),
    imageModel: text('image_model'),
    temperature: real('temperature'),
    maxTokens: integer('max_tokens'),
    imageSize: text('image_size'),
    imageStyle: text('image_style'),
    /** The member who saved them last; kept when they leave the team, like api_keys.created_by. */
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    check('ai_settings_provider', sql`${t.provider} in ('env', 'offline', 'openai')`),
    check('ai_settings_temperature', sql`${t.temperature} between 0 and 2`),
    check('ai_settings_max_tokens', sql`${t.maxTokens} between 1 and 32000`),
  ],
);

/** Tables whose rows belong to one account: RLS-protected, reached only through `tenant()`. */
export const TENANT_TABLES = [
  'accounts',
  'users',
  'refresh_tokens',
  'password_resets',
  'api_keys',
  'subscriptions',
  'sites',
  'sectors',
  'prompt_overrides',
  'author_profiles',
  'strategies',
  'test_images',
  'ai_settings',
] as const;
