-- Row-Level Security for the writer: an account sees and changes only its own tasks, articles,
-- revisions, images and taxonomy terms.
GRANT USAGE ON SCHEMA writer TO igny8_app, igny8_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON writer.tasks, writer.contents, writer.content_revisions, writer.images, writer.terms, writer.content_terms TO igny8_app, igny8_system;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tasks','contents','content_revisions','images','terms','content_terms'] LOOP
    EXECUTE format('ALTER TABLE writer.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE writer.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON writer.%I TO igny8_app USING (account_id = nullif(current_setting(''app.account_id'', true), '''')::uuid) WITH CHECK (account_id = nullif(current_setting(''app.account_id'', true), '''')::uuid)',
      t);
    EXECUTE format('CREATE POLICY system_access ON writer.%I TO igny8_system USING (true) WITH CHECK (true)', t);
  END LOOP;
END $$;
