-- Index requests are tenant data: RLS binds the owner too. jeex_app records a request (a newer one
-- replaces the older one of its document) and deletes it when the job is done.
ALTER TABLE "memory_index_requests" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "memory_index_requests" TO jeex_app;
