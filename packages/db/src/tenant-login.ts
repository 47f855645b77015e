import type postgres from "postgres";

/**
 * The login tenant transactions connect as on Postgres. It is NOINHERIT and a member of jeex_app
 * only: on its own it holds no privilege on any table, and it reaches the data solely through
 * `set_config('role', 'jeex_app', true)`, where RLS applies. So `reset role` inside a tenant
 * transaction leaves a role that can read nothing, and it cannot `set role` to anyone else or
 * change its session authorization (only superusers can).
 */
export interface TenantLogin {
  readonly user: string;
  readonly password: string;
}

export function tenantLoginOf(tenantDatabaseUrl: string): TenantLogin {
  const url = new URL(tenantDatabaseUrl);
  const user = decodeURIComponent(url.username);
  if (!user)
    throw new Error("the tenant database URL names no login (postgres://<login>:<password>@host/db)");
  return { user, password: decodeURIComponent(url.password) };
}

/** The same server and database as `systemUrl`, connecting as `login`. */
export function withLogin(systemUrl: string, login: TenantLogin): string {
  const url = new URL(systemUrl);
  url.username = encodeURIComponent(login.user);
  url.password = encodeURIComponent(login.password);
  return url.toString();
}

/**
 * Creates the tenant login when it is missing (with the configured password), makes it a member
 * of jeex_app, and refuses a login that could step around RLS. Runs on the system connection after
 * the migrations; roles are cluster-wide, so a login that exists is kept (its password too).
 */
export async function ensureTenantLogin(system: postgres.Sql, login: TenantLogin): Promise<void> {
  await system.begin(async (tx) => {
    // Utility statements take no bind parameters: the values travel as settings and format()
    // quotes them (%I, %L), so no login name or password is ever spliced into SQL by hand.
    await tx`select set_config('jeex.tenant_login', ${login.user}, true), set_config('jeex.tenant_password', ${login.password}, true)`;
    try {
      await tx.unsafe(`
        DO $$
        DECLARE
          login text := current_setting('jeex.tenant_login');
          secret text := nullif(current_setting('jeex.tenant_password'), '');
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
            EXECUTE format(
              'CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT PASSWORD %L',
              login, secret);
          END IF;
          IF NOT pg_has_role(login, 'jeex_app', 'MEMBER') THEN
            EXECUTE format('GRANT jeex_app TO %I', login);
          END IF;
        END
        $$`);
    } catch (error) {
      // Two databases of one cluster migrating at once may both try to create the role.
      if (!isDuplicateRole(error)) throw error;
    }
  });
  const problems = await tenantLoginProblems(system, login.user);
  if (problems.length > 0) {
    throw new Error(
      `the tenant login "${login.user}" could step around row level security: ${problems.join("; ")}. ` +
        "Point DATABASE_TENANT_URL at a dedicated login (pnpm db:migrate creates one when it is missing).",
    );
  }
}

function isDuplicateRole(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "42710" || code === "23505";
}

interface LoginFacts {
  exists: boolean;
  superuser: boolean;
  bypassRls: boolean;
  createRole: boolean;
  createDb: boolean;
  replication: boolean;
  inherits: boolean;
  otherRoles: string[];
  ownedObjects: number;
}

/**
 * Why a login is unfit for tenant traffic; empty when it is fit. Readable by any role (the
 * catalogs are public), so the tenant connection can check itself at start-up.
 */
export async function tenantLoginProblems(sql: postgres.Sql | postgres.TransactionSql, user: string) {
  const [facts] = await sql<LoginFacts[]>`
    select true as exists,
           r.rolsuper as superuser, r.rolbypassrls as "bypassRls", r.rolcreaterole as "createRole",
           r.rolcreatedb as "createDb", r.rolreplication as replication, r.rolinherit as inherits,
           coalesce((select array_agg(g.rolname::text order by g.rolname)
                     from pg_roles g
                     where g.rolname not in (r.rolname, 'jeex_app') and pg_has_role(r.oid, g.oid, 'MEMBER')),
                    '{}') as "otherRoles",
           (select count(*)::int from pg_shdepend d
            where d.refclassid = 'pg_authid'::regclass and d.refobjid = r.oid and d.deptype = 'o') as "ownedObjects"
    from pg_roles r where r.rolname = ${user}`;
  if (!facts) return [`no role "${user}" exists`];
  const problems: string[] = [];
  if (facts.superuser) problems.push("it is a superuser");
  if (facts.bypassRls) problems.push("it has BYPASSRLS");
  if (facts.createRole) problems.push("it has CREATEROLE");
  if (facts.createDb) problems.push("it has CREATEDB");
  if (facts.replication) problems.push("it has REPLICATION");
  if (facts.inherits) problems.push("it inherits its roles' privileges (needs NOINHERIT)");
  if (facts.otherRoles.length > 0) problems.push(`it is a member of ${facts.otherRoles.join(", ")}`);
  if (facts.ownedObjects > 0) problems.push(`it owns ${facts.ownedObjects} object(s)`);
  return problems;
}
