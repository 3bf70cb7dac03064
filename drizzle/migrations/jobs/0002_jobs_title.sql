ALTER TABLE "jobs"."jobs" ADD COLUMN "title" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Jobs recorded before titles were: the titles their definitions had then, else the kind (what
-- the credit ledger named them by).
UPDATE "jobs"."jobs" SET "title" = CASE "kind"
  WHEN 'planner.cluster-keywords' THEN 'Auto-cluster'
  WHEN 'planner.generate-ideas' THEN 'Generate ideas'
  WHEN 'system.test-image' THEN 'Image test'
  ELSE "kind" END;
