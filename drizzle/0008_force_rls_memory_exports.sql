ALTER TABLE "memory_chunks" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "exports" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "memory_chunks" TO jeex_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "exports" TO jeex_app;
