CREATE TABLE "system"."ai_settings" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"provider" text DEFAULT 'env' NOT NULL,
	"base_url" text,
	"api_key_ciphertext" text,
	"api_key_last4" text,
	"chat_model" text,
	"embedding_model" text,
	"image_model" text,
	"temperature" real,
	"max_tokens" integer,
	"image_size" text,
	"image_style" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_settings_provider" CHECK ("system"."ai_settings"."provider" in ('env', 'offline', 'openai')),
	CONSTRAINT "ai_settings_temperature" CHECK ("system"."ai_settings"."temperature" between 0 and 2),
	CONSTRAINT "ai_settings_max_tokens" CHECK ("system"."ai_settings"."max_tokens" between 1 and 32000)
);
--> statement-breakpoint
ALTER TABLE "system"."ai_settings" ADD CONSTRAINT "ai_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "system"."accounts"("id") ON DELETE cascade ON UPDATE no action;