CREATE SCHEMA "jobs";
--> statement-breakpoint
CREATE TABLE "jobs"."jobs" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"step" text DEFAULT 'QUEUED' NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"error" text,
	"input" jsonb NOT NULL,
	"input_summary" text DEFAULT '' NOT NULL,
	"result" jsonb,
	"result_summary" text,
	"operation" text,
	"credits_reserved" integer DEFAULT 0 NOT NULL,
	"credits_charged" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "jobs_account_id_id_pk" PRIMARY KEY("account_id","id"),
	CONSTRAINT "jobs_progress_range" CHECK ("jobs"."jobs"."progress" between 0 and 100),
	CONSTRAINT "jobs_credits_non_negative" CHECK ("jobs"."jobs"."credits_reserved" >= 0 and "jobs"."jobs"."credits_charged" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_id" ON "jobs"."jobs" USING btree ("id");--> statement-breakpoint
CREATE INDEX "jobs_account_created" ON "jobs"."jobs" USING btree ("account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "jobs_account_status" ON "jobs"."jobs" USING btree ("account_id","status");