-- Row-Level Security for billing. The ledger and the usage log are append-only for the
-- application roles: they may insert and read, never update or delete (the database refuses).
GRANT USAGE ON SCHEMA billing TO igny8_app, igny8_system;
--> statement-breakpoint
GRANT SELECT ON billing.credit_cost_configs TO igny8_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON billing.credit_cost_configs TO igny8_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON billing.credit_accounts, billing.credit_holds TO igny8_app, igny8_system;
--> statement-breakpoint
GRANT SELECT, INSERT ON billing.credit_transactions, billing.credit_usage_logs TO igny8_app, igny8_system;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['credit_accounts','credit_transactions','credit_holds','credit_usage_logs'] LOOP
    EXECUTE format('ALTER TABLE billing.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE billing.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON billing.%I TO igny8_app USING (account_id = nullif(current_setting(''app.account_id'', true), '''')::uuid) WITH CHECK (account_id = nullif(current_setting(''app.account_id'', true), '''')::uuid)',
      t);
    EXECUTE format('CREATE POLICY system_access ON billing.%I TO igny8_system USING (true) WITH CHECK (true)', t);
  END LOOP;
END $$;
