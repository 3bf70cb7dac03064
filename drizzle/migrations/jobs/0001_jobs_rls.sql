-- Row-Level Security for the job records: igny8_app sees only the account in app.account_id;
-- igny8_system (account-less maintenance) sees all. The roles come from the system migrations.
GRANT USAGE ON SCHEMA jobs TO igny8_app, igny8_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON jobs.jobs TO igny8_app, igny8_system;
--> statement-breakpoint
ALTER TABLE jobs.jobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE jobs.jobs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON jobs.jobs TO igny8_app
  USING (account_id = nullif(current_setting('app.account_id', true), '')::uuid)
  WITH CHECK (account_id = nullif(current_setting('app.account_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON jobs.jobs TO igny8_system USING (true) WITH CHECK (true);
