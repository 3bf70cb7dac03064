-- Row-Level Security for the planner: an account sees and changes only its own keywords,
-- clusters and ideas. The seed keyword library is global and read-only for the application.
GRANT USAGE ON SCHEMA planner TO igny8_app, igny8_system;
--> statement-breakpoint
GRANT SELECT ON planner.seed_keywords TO igny8_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON planner.seed_keywords TO igny8_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON planner.keywords, planner.clusters, planner.content_ideas TO igny8_app, igny8_system;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['keywords','clusters','content_ideas'] LOOP
    EXECUTE format('ALTER TABLE planner.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE planner.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON planner.%I TO igny8_app USING (account_id = nullif(current_setting(''app.account_id'', true), '''')::uuid) WITH CHECK (account_id = nullif(current_setting(''app.account_id'', true), '''')::uuid)',
      t);
    EXECUTE format('CREATE POLICY system_access ON planner.%I TO igny8_system USING (true) WITH CHECK (true)', t);
  END LOOP;
END $$;
