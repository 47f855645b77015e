-- Idempotency records are tenant data: RLS binds the owner too. jeex_app reads and writes them, and
-- deletes one past its lifetime when its key is used again; it never updates one (a first answer stays).
ALTER TABLE "idempotency_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "idempotency_keys" TO jeex_app;
