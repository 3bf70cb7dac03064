CREATE TABLE "system"."test_images" (
	"account_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"prompt" text NOT NULL,
	"size" text NOT NULL,
	"style" text,
	"file_key" text NOT NULL,
	"mime_type" text NOT NULL,
	"model" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "test_images_account_id_id_pk" PRIMARY KEY("account_id","id")
);
--> statement-breakpoint
ALTER TABLE "system"."test_images" ADD CONSTRAINT "test_images_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "system"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "test_images_account_job" ON "system"."test_images" USING btree ("account_id","job_id");--> statement-breakpoint
CREATE INDEX "test_images_account_created" ON "system"."test_images" USING btree ("account_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);