ALTER TABLE "jobs"."jobs" ADD COLUMN "title" text DEFAULT '' NOT NULL;
--> statement-breakpoint
-- Jobs recorded before titles were get the titles their definitions have, else the kind's name in
-- words as the runtime makes it (jobTitle: `system.test-image` → 'Test image'). As the system
-- role: FORCE ROW LEVEL SECURITY would hide every row from a migrator that is only the owner.
SET LOCAL ROLE igny8_system;
--> statement-breakpoint
UPDATE "jobs"."jobs" SET "title" = CASE "kind"
  WHEN 'planner.cluster-keywords' THEN 'Auto-cluster'
  WHEN 'planner.generate-ideas' THEN 'Generate ideas'
  WHEN 'system.test-image' THEN 'Image test'
  ELSE upper(left(replace(regexp_replace("kind", '^.*\.', ''), '-', ' '), 1))
    || substr(replace(regexp_replace("kind", '^.*\.', ''), '-', ' '), 2)
  END;
--> statement-breakpoint
RESET ROLE;
