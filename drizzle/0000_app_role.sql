-- The role every tenant transaction switches to (set_config('role', 'jeex_app', true)).
-- Roles are cluster-wide, so several databases on one server share it: create it only once.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jeex_app') THEN
    CREATE ROLE jeex_app NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
