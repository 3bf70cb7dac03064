-- Row-Level Security for the Thinker tables, with the same two policies as 0001_system_rls.sql:
-- igny8_app sees only the account in app.account_id; igny8_system (account-less lookups) sees all.
-- FORCE makes the tables' owner obey the policies too.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['prompt_overrides','author_profiles','strategies'] LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON system.%I TO igny8_app, igny8_system', t);
    EXECUTE format('ALTER TABLE system.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE system.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON system.%I TO igny8_app USING (account_id = nullif(current_setting(''app.account_id'', true), '''')::uuid) WITH CHECK (account_id = nullif(current_setting(''app.account_id'', true), '''')::uuid)',
      t);
    EXECUTE format('CREATE POLICY system_access ON system.%I TO igny8_system USING (true) WITH CHECK (true)', t);
  END LOOP;
END $$;
