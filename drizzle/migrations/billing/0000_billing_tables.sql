CREATE SCHEMA "billing";
--> statement-breakpoint
CREATE TABLE "billing"."credit_accounts" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"plan_credits" integer DEFAULT 0 NOT NULL,
	"bonus_credits" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_accounts_pools_non_negative" CHECK ("billing"."credit_accounts"."plan_credits" >= 0 and "billing"."credit_accounts"."bonus_credits" >= 0),
	CONSTRAINT "credit_accounts_reserved_within_balance" CHECK ("billing"."credit_accounts"."reserved" >= 0 and "billing"."credit_accounts"."reserved" <= "billing"."credit_accounts"."plan_credits" + "billing"."credit_accounts"."bonus_credits")
);
--> statement-breakpoint
CREATE TABLE "billing"."credit_cost_configs" (
	"operation" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"unit" text NOT NULL,
	"credits" integer NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "credit_cost_configs_credits_non_negative" CHECK ("billing"."credit_cost_configs"."credits" >= 0)
);
--> statement-breakpoint
CREATE TABLE "billing"."credit_holds" (
	"account_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"operation" text NOT NULL,
	"credits" integer NOT NULL,
	"status" text DEFAULT 'held' NOT NULL,
	"charged_credits" integer,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "credit_holds_account_id_job_id_pk" PRIMARY KEY("account_id","job_id"),
	CONSTRAINT "credit_holds_credits_non_negative" CHECK ("billing"."credit_holds"."credits" >= 0),
	CONSTRAINT "credit_holds_charged_within_hold" CHECK ("billing"."credit_holds"."charged_credits" is null or ("billing"."credit_holds"."charged_credits" >= 0 and "billing"."credit_holds"."charged_credits" <= "billing"."credit_holds"."credits"))
);
--> statement-breakpoint
CREATE TABLE "billing"."credit_transactions" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"amount" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"description" text NOT NULL,
	"reference_id" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"idempotency_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_transactions_account_id_id_pk" PRIMARY KEY("account_id","id"),
	CONSTRAINT "credit_transactions_balance_after_non_negative" CHECK ("billing"."credit_transactions"."balance_after" >= 0)
);
--> statement-breakpoint
CREATE TABLE "billing"."credit_usage_logs" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"operation" text NOT NULL,
	"credits" integer NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"model" text,
	"cost_cents" integer,
	"job_id" uuid,
	"related_object" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_usage_logs_account_id_id_pk" PRIMARY KEY("account_id","id")
);
--> statement-breakpoint
CREATE INDEX "credit_holds_account_status" ON "billing"."credit_holds" USING btree ("account_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_transactions_idempotency" ON "billing"."credit_transactions" USING btree ("account_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "credit_transactions_account_created" ON "billing"."credit_transactions" USING btree ("account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "credit_usage_logs_account_created" ON "billing"."credit_usage_logs" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_usage_logs_job" ON "billing"."credit_usage_logs" USING btree ("account_id","job_id");