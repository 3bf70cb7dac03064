CREATE SCHEMA "planner";
--> statement-breakpoint
CREATE TABLE "planner"."clusters" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"sector_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"context_type" text DEFAULT 'topic' NOT NULL,
	"intent" text,
	"keywords_count" integer DEFAULT 0 NOT NULL,
	"total_volume" integer DEFAULT 0 NOT NULL,
	"avg_difficulty" real,
	"job_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clusters_account_id_id_pk" PRIMARY KEY("account_id","id"),
	CONSTRAINT "clusters_sector_id" UNIQUE("account_id","site_id","sector_id","id")
);
--> statement-breakpoint
CREATE TABLE "planner"."content_ideas" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"sector_id" uuid NOT NULL,
	"cluster_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"content_type" text DEFAULT 'post' NOT NULL,
	"outline" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target_keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"estimated_word_count" integer DEFAULT 1500 NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"author_profile_id" uuid,
	"strategy_id" uuid,
	"job_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_ideas_account_id_id_pk" PRIMARY KEY("account_id","id"),
	CONSTRAINT "content_ideas_word_count_positive" CHECK ("planner"."content_ideas"."estimated_word_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "planner"."keywords" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"sector_id" uuid NOT NULL,
	"keyword" text NOT NULL,
	"volume" integer,
	"difficulty" integer,
	"cpc_cents" integer,
	"intent" text NOT NULL,
	"intent_confidence" real DEFAULT 1 NOT NULL,
	"intent_source" text DEFAULT 'rules' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"cluster_id" uuid,
	"source" text DEFAULT 'manual' NOT NULL,
	"seed_keyword_id" uuid,
	"country" text,
	"language" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "keywords_account_id_id_pk" PRIMARY KEY("account_id","id"),
	CONSTRAINT "keywords_volume_non_negative" CHECK ("planner"."keywords"."volume" is null or "planner"."keywords"."volume" >= 0),
	CONSTRAINT "keywords_difficulty_range" CHECK ("planner"."keywords"."difficulty" is null or "planner"."keywords"."difficulty" between 0 and 100),
	CONSTRAINT "keywords_cpc_non_negative" CHECK ("planner"."keywords"."cpc_cents" is null or "planner"."keywords"."cpc_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "planner"."seed_keywords" (
	"id" uuid PRIMARY KEY NOT NULL,
	"industry_slug" text NOT NULL,
	"sector_slug" text NOT NULL,
	"keyword" text NOT NULL,
	"volume" integer NOT NULL,
	"difficulty" integer NOT NULL,
	"intent" text NOT NULL,
	CONSTRAINT "seed_keywords_difficulty_range" CHECK ("planner"."seed_keywords"."difficulty" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "planner"."content_ideas" ADD CONSTRAINT "content_ideas_cluster_fk" FOREIGN KEY ("account_id","site_id","sector_id","cluster_id") REFERENCES "planner"."clusters"("account_id","site_id","sector_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planner"."keywords" ADD CONSTRAINT "keywords_cluster_fk" FOREIGN KEY ("account_id","site_id","sector_id","cluster_id") REFERENCES "planner"."clusters"("account_id","site_id","sector_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clusters_sector_name" ON "planner"."clusters" USING btree ("account_id","site_id","sector_id","name");--> statement-breakpoint
CREATE INDEX "content_ideas_account_cluster" ON "planner"."content_ideas" USING btree ("account_id","cluster_id");--> statement-breakpoint
CREATE INDEX "content_ideas_account_job" ON "planner"."content_ideas" USING btree ("account_id","job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "keywords_sector_keyword" ON "planner"."keywords" USING btree ("account_id","site_id","sector_id","keyword");--> statement-breakpoint
CREATE INDEX "keywords_account_cluster" ON "planner"."keywords" USING btree ("account_id","cluster_id");--> statement-breakpoint
CREATE INDEX "keywords_account_status" ON "planner"."keywords" USING btree ("account_id","site_id","sector_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "seed_keywords_unique" ON "planner"."seed_keywords" USING btree ("industry_slug","sector_slug","keyword");