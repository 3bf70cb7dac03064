-- Tenancy roles and Row-Level Security for the system schema.
-- igny8_app: every tenant request (SET LOCAL ROLE + app.account_id); sees only its account.
-- igny8_system: the few account-less lookups (login by email, token and API-key lookups).
-- Neither owns the tables, and FORCE makes the owner obey the policies too: a connection that
-- takes neither role (and is no superuser) sees nothing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'igny8_app') THEN
    CREATE ROLE igny8_app NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'igny8_system') THEN
    CREATE ROLE igny8_system NOLOGIN NOBYPASSRLS;
  END IF;
END $$;
--> statement-breakpoint
GRANT igny8_app, igny8_system TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA system TO igny8_app, igny8_system;
--> statement-breakpoint
GRANT SELECT ON system.plans, system.industries, system.industry_sectors TO igny8_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON system.plans, system.industries, system.industry_sectors TO igny8_system;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['accounts','users','refresh_tokens','password_resets','api_keys','subscriptions','sites','sectors'] LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON system.%I TO igny8_app, igny8_system', t);
    EXECUTE format('ALTER TABLE system.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE system.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON system.%I TO igny8_app USING (%I = nullif(current_setting(''app.account_id'', true), '''')::uuid) WITH CHECK (%I = nullif(current_setting(''app.account_id'', true), '''')::uuid)',
      t, CASE WHEN t = 'accounts' THEN 'id' ELSE 'account_id' END, CASE WHEN t = 'accounts' THEN 'id' ELSE 'account_id' END);
    EXECUTE format('CREATE POLICY system_access ON system.%I TO igny8_system USING (true) WITH CHECK (true)', t);
  END LOOP;
END $$;
