-- Invitations are tenant data like the rest: RLS binds the owner too, and jeex_app may read, create
-- and answer them (never delete: an invitation's outcome stays on record).
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "invitations" TO jeex_app;--> statement-breakpoint
-- Memberships made by the removed `tenants.members.add` were never consented to (their audit row
-- names them); every other existing membership was the user's own doing (sign-up, a tenant they made).
UPDATE "memberships" AS m SET "accepted_at" = m."created_at"
WHERE NOT EXISTS (
  SELECT 1 FROM "audit_log" AS a
  WHERE a."tenant_id" = m."tenant_id" AND a."action" = 'member.add' AND a."target_id" = m."user_id"::text
);
