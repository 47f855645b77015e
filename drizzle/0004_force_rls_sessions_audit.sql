ALTER TABLE "sessions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Sessions are reached only through the system path: jeex_app gets no privileges on them.
-- The audit log is append-only from a tenant transaction.
GRANT SELECT, INSERT ON "audit_log" TO jeex_app;
