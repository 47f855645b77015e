ALTER TABLE "agent_executions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "documents" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "document_versions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "usage_records" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "agent_executions", "documents" TO jeex_app;--> statement-breakpoint
-- Versions and usage are history: written once, never changed from a tenant transaction.
GRANT SELECT, INSERT ON "document_versions", "usage_records" TO jeex_app;
