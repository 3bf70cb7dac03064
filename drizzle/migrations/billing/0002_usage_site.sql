ALTER TABLE "billing"."credit_holds" ADD COLUMN "site_id" uuid;--> statement-breakpoint
ALTER TABLE "billing"."credit_usage_logs" ADD COLUMN "site_id" uuid;