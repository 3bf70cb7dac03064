CREATE TABLE "system"."author_profiles" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"tone" text DEFAULT '' NOT NULL,
	"style" text DEFAULT '' NOT NULL,
	"audience" text DEFAULT '' NOT NULL,
	"sample_text" text DEFAULT '' NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "author_profiles_account_id_id_pk" PRIMARY KEY("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "system"."prompt_overrides" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"prompt_type" text NOT NULL,
	"text" text NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prompt_overrides_account_id_id_pk" PRIMARY KEY("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "system"."strategies" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"content_types" text[] NOT NULL,
	"rules" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_words" integer NOT NULL,
	"max_words" integer NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategies_account_id_id_pk" PRIMARY KEY("account_id","id"),
	CONSTRAINT "strategies_word_range" CHECK ("system"."strategies"."min_words" > 0 and "system"."strategies"."min_words" <= "system"."strategies"."max_words")
);
--> statement-breakpoint
ALTER TABLE "system"."author_profiles" ADD CONSTRAINT "author_profiles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "system"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system"."prompt_overrides" ADD CONSTRAINT "prompt_overrides_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "system"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system"."strategies" ADD CONSTRAINT "strategies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "system"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "author_profiles_account_name" ON "system"."author_profiles" USING btree ("account_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "author_profiles_account_default" ON "system"."author_profiles" USING btree ("account_id") WHERE "system"."author_profiles"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "prompt_overrides_account_type" ON "system"."prompt_overrides" USING btree ("account_id","prompt_type");--> statement-breakpoint
CREATE UNIQUE INDEX "strategies_account_name" ON "system"."strategies" USING btree ("account_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "strategies_account_default" ON "system"."strategies" USING btree ("account_id") WHERE "system"."strategies"."is_default";