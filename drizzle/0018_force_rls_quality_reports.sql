-- Quality reports are tenant data: RLS binds the owner too. jeex_app writes a project's report and
-- replaces it with a newer one (upsert); the project's deletion takes it along.
ALTER TABLE "quality_reports" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "quality_reports" TO jeex_app;
