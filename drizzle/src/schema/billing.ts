// Tables of the billing subgraph (schema "billing"): credit balances, the append-only ledger,
// holds for running jobs, usage logs and the admin-editable credit costs. Accounts live in the
// system subgraph: account_id here is a reference by value, never a cross-schema foreign key.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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

export const billing = pgSchema('billing');

export const CREDIT_TRANSACTION_TYPES = ['purchase', 'subscription', 'deduction', 'refund', 'adjustment'] as const;
export type CreditTransactionType = (typeof CREDIT_TRANSACTION_TYPES)[number];
export const CREDIT_HOLD_STATUSES = ['held', 'captured', 'released'] as const;
export type CreditHoldStatus = (typeof CREDIT_HOLD_STATUSES)[number];

/**
 * One row per account. Two pools: plan credits (reset at each paid renewal) and bonus credits
 * (bought, never expire); usage draws the plan pool first. `reserved` is what running jobs hold:
 * available = plan + bonus − reserved, and the CHECKs keep it from going below zero whatever the
 * code above does.
 */
export const creditAccounts = billing.table(
  'credit_accounts',
  {
    accountId: uuid('account_id').primaryKey(),
    planCredits: integer('plan_credits').notNull().default(0),
    bonusCredits: integer('bonus_credits').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('credit_accounts_pools_non_negative', sql`${t.planCredits} >= 0 and ${t.bonusCredits} >= 0`),
    check(
      'credit_accounts_reserved_within_balance',
      sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.planCredits} + ${t.bonusCredits}`,
    ),
  ],
);

/** The ledger: append-only; an account's balance always equals the sum of its amounts. */
export const creditTransactions = billing.table(
  'credit_transactions',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    type: text('type', { enum: CREDIT_TRANSACTION_TYPES }).notNull(),
    amount: integer('amount').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    description: text('description').notNull(),
    /** The invoice, payment or job this entry belongs to. */
    referenceId: text('reference_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    /** Claimed once: a retried grant, capture or webhook writes nothing the second time. */
    idempotencyKey: text('idempotency_key'),
    /** The person behind a manual entry (admin adjustments); null for the platform's own. */
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    uniqueIndex('credit_transactions_idempotency').on(t.accountId, t.idempotencyKey),
    index('credit_transactions_account_created').on(t.accountId, t.createdAt.desc()),
    check('credit_transactions_balance_after_non_negative', sql`${t.balanceAfter} >= 0`),
  ],
);

/** Credits set aside for a queued or running job; captured (charged) on success, else released. */
export const creditHolds = billing.table(
  'credit_holds',
  {
    accountId: uuid('account_id').notNull(),
    jobId: uuid('job_id').notNull(),
    operation: text('operation').notNull(),
    /** Zero for an operation that costs nothing: the hold still records the job for its usage log. */
    credits: integer('credits').notNull(),
    status: text('status', { enum: CREDIT_HOLD_STATUSES }).notNull().default('held'),
    /** What the capture charged (at most `credits`); null until captured. */
    chargedCredits: integer('charged_credits'),
    /** Who started the job, when a person did. */
    userId: uuid('user_id'),
    /** The site the job works on, when it works on one (usage analytics per site). */
    siteId: uuid('site_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.jobId] }),
    index('credit_holds_account_status').on(t.accountId, t.status),
    check('credit_holds_credits_non_negative', sql`${t.credits} >= 0`),
    check(
      'credit_holds_charged_within_hold',
      sql`${t.chargedCredits} is null or (${t.chargedCredits} >= 0 and ${t.chargedCredits} <= ${t.credits})`,
    ),
  ],
);

export const creditUsageLogs = billing.table(
  'credit_usage_logs',
  {
    accountId: uuid('account_id').notNull(),
    id: uuid('id').notNull().$defaultFn(newId),
    operation: text('operation').notNull(),
    credits: integer('credits').notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    model: text('model'),
    /** What the AI call cost the platform, in minor units of USD, when the provider says. */
    costCents: integer('cost_cents'),
    jobId: uuid('job_id'),
    /** The site the work was for, when it was for one. */
    siteId: uuid('site_id'),
    /** The object the work was for ("site:…", "cluster:…"). */
    relatedObject: text('related_object'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    index('credit_usage_logs_account_created').on(t.accountId, t.createdAt),
    uniqueIndex('credit_usage_logs_job').on(t.accountId, t.jobId),
  ],
);

/** Global: what each AI operation costs; admin-editable, seeded with SPEC.md's defaults. */
export const creditCostConfigs = billing.table(
  'credit_cost_configs',
  {
    operation: text('operation').primaryKey(),
    displayName: text('display_name').notNull(),
    /** What one charge covers: "request", "100 words", "image", … */
    unit: text('unit').notNull(),
    credits: integer('credits').notNull(),
    description: text('description').notNull().default(''),
    isActive: boolean('is_active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [check('credit_cost_configs_credits_non_negative', sql`${t.credits} >= 0`)],
);

export const BILLING_TENANT_TABLES = [
  'credit_accounts',
  'credit_transactions',
  'credit_holds',
  'credit_usage_logs',
] as const;
