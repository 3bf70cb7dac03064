CREATE SCHEMA "writer";
--> statement-breakpoint
CREATE TABLE "writer"."content_revisions" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"content_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"source" text NOT NULL,
	"title" text NOT NULL,
	"html" text NOT NULL,
	"meta_title" text DEFAULT '' NOT NULL,
	"meta_description" text DEFAULT '' NOT NULL,
	"word_count" integer DEFAULT 0 NOT NULL,
	"provenance" jsonb,
	"restored_from" integer,
	"job_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_revisions_account_id_id_pk" PRIMARY KEY("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "writer"."content_terms" (
	"account_id" uuid NOT NULL,
	"content_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	CONSTRAINT "content_terms_account_id_content_id_term_id_pk" PRIMARY KEY("account_id","content_id","term_id")
);
--> statement-breakpoint
CREATE TABLE "writer"."contents" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"sector_id" uuid NOT NULL,
	"cluster_id" uuid,
	"task_id" uuid,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"html" text DEFAULT '' NOT NULL,
	"excerpt" text DEFAULT '' NOT NULL,
	"meta_title" text DEFAULT '' NOT NULL,
	"meta_description" text DEFAULT '' NOT NULL,
	"primary_keyword" text DEFAULT '' NOT NULL,
	"secondary_keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outline" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"word_count" integer DEFAULT 0 NOT NULL,
	"word_count_target" integer,
	"content_type" text DEFAULT 'post' NOT NULL,
	"content_structure" text DEFAULT 'article' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_note" text,
	"schema_markup" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"featured_image_id" uuid,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sample_text" boolean DEFAULT false NOT NULL,
	"external_id" text,
	"external_url" text,
	"score" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contents_account_id_id_pk" PRIMARY KEY("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "writer"."images" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"content_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"prompt" text DEFAULT '' NOT NULL,
	"alt_text" text DEFAULT '' NOT NULL,
	"caption" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" text,
	"file_key" text,
	"mime_type" text,
	"bytes" integer,
	"width" integer,
	"height" integer,
	"provider" text,
	"model" text,
	"uploaded" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "images_account_id_id_pk" PRIMARY KEY("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "writer"."tasks" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"sector_id" uuid NOT NULL,
	"cluster_id" uuid,
	"idea_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"primary_keyword" text NOT NULL,
	"secondary_keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outline" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"content_type" text DEFAULT 'post' NOT NULL,
	"content_structure" text DEFAULT 'article' NOT NULL,
	"word_count_target" integer DEFAULT 1200 NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"error" text,
	"content_id" uuid,
	"author_profile_id" uuid,
	"strategy_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_account_id_id_pk" PRIMARY KEY("account_id","id"),
	CONSTRAINT "tasks_word_count_range" CHECK ("writer"."tasks"."word_count_target" between 300 and 10000)
);
--> statement-breakpoint
CREATE TABLE "writer"."terms" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"taxonomy" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"parent_id" uuid,
	"description" text DEFAULT '' NOT NULL,
	"external_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "terms_account_id_id_pk" PRIMARY KEY("account_id","id"),
	CONSTRAINT "terms_tags_flat" CHECK ("writer"."terms"."taxonomy" = 'category' or "writer"."terms"."parent_id" is null)
);
--> statement-breakpoint
ALTER TABLE "writer"."content_revisions" ADD CONSTRAINT "content_revisions_content_fk" FOREIGN KEY ("account_id","content_id") REFERENCES "writer"."contents"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writer"."content_terms" ADD CONSTRAINT "content_terms_content_fk" FOREIGN KEY ("account_id","content_id") REFERENCES "writer"."contents"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writer"."content_terms" ADD CONSTRAINT "content_terms_term_fk" FOREIGN KEY ("account_id","term_id") REFERENCES "writer"."terms"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writer"."images" ADD CONSTRAINT "images_content_fk" FOREIGN KEY ("account_id","content_id") REFERENCES "writer"."contents"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writer"."terms" ADD CONSTRAINT "terms_parent_fk" FOREIGN KEY ("account_id","parent_id") REFERENCES "writer"."terms"("account_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "content_revisions_number" ON "writer"."content_revisions" USING btree ("account_id","content_id","number");--> statement-breakpoint
CREATE INDEX "content_terms_term" ON "writer"."content_terms" USING btree ("account_id","term_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contents_account_site_slug" ON "writer"."contents" USING btree ("account_id","site_id","slug");--> statement-breakpoint
CREATE INDEX "contents_account_site_status" ON "writer"."contents" USING btree ("account_id","site_id","status");--> statement-breakpoint
CREATE INDEX "contents_account_cluster" ON "writer"."contents" USING btree ("account_id","cluster_id");--> statement-breakpoint
CREATE INDEX "contents_account_task" ON "writer"."contents" USING btree ("account_id","task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "images_content_kind_position" ON "writer"."images" USING btree ("account_id","content_id","kind","position");--> statement-breakpoint
CREATE INDEX "images_account_status" ON "writer"."images" USING btree ("account_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_account_idea" ON "writer"."tasks" USING btree ("account_id","idea_id");--> statement-breakpoint
CREATE INDEX "tasks_account_site_status" ON "writer"."tasks" USING btree ("account_id","site_id","status");--> statement-breakpoint
CREATE INDEX "tasks_account_cluster" ON "writer"."tasks" USING btree ("account_id","cluster_id");--> statement-breakpoint
CREATE UNIQUE INDEX "terms_site_taxonomy_slug" ON "writer"."terms" USING btree ("account_id","site_id","taxonomy","slug");