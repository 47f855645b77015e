-- RLS applies to the table owner too, so a connection that forgets to drop privileges still cannot
-- read across tenants unless its role is explicitly BYPASSRLS (the named system path).
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "projects" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- The connecting role must be able to SET ROLE jeex_app (superusers always can).
GRANT jeex_app TO CURRENT_USER;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO jeex_app;--> statement-breakpoint
GRANT SELECT ON "tenants", "users" TO jeex_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "memberships", "api_keys", "projects" TO jeex_app;
