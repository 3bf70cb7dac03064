-- Row-Level Security for notifications, with the same two policies as 0001_system_rls.sql:
-- igny8_app sees only the account in app.account_id; igny8_system (account-less lookups) sees all.
-- FORCE makes the table's owner obey the policies too.
GRANT SELECT, INSERT, UPDATE, DELETE ON system.notifications TO igny8_app, igny8_system;--> statement-breakpoint
ALTER TABLE system.notifications ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE system.notifications FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON system.notifications TO igny8_app
  USING (account_id = nullif(current_setting('app.account_id', true), '')::uuid)
  WITH CHECK (account_id = nullif(current_setting('app.account_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY system_access ON system.notifications TO igny8_system USING (true) WITH CHECK (true);
