import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../src/client.ts";
import { sqlStateOf } from "../src/errors.ts";
import { createProjectRepository } from "../src/repositories/projects.ts";
import { ensureTenantLogin, tenantLoginProblems } from "../src/tenant-login.ts";
import {
  openPostgresTestDatabase,
  provisionTestTenant,
  rawRows,
  testPostgresUrl,
} from "../testing/databases.ts";

const INSUFFICIENT_PRIVILEGE = "42501";

/**
 * On Postgres, tenant traffic connects as a restricted login: whatever SQL runs inside a tenant
 * transaction, stepping out of jeex_app leaves a role that cannot read other tenants' rows.
 */
describe.runIf(testPostgresUrl())("the tenant login on Postgres", () => {
  let db: Database;
  const tenants: Record<"a" | "b", { tenantId: string; userId: string }> = {} as never;

  beforeAll(async () => {
    db = openPostgresTestDatabase({ poolSize: 2 });
    for (const label of ["a", "b"] as const) {
      tenants[label] = await provisionTestTenant(db, `login-${label}`);
      await db.withTenant(tenants[label], (tx) =>
        createProjectRepository(tx).insert({ name: `${label} project`, description: "", language: "en" }),
      );
    }
  });
  afterAll(() => db.close());

  const escapes = {
    "reset role": sql`reset role`,
    "set role postgres": sql`set role postgres`,
    "set session authorization postgres": sql`set session authorization postgres`,
    "set local role none": sql`set local role none`,
  };

  for (const [name, stepOut] of Object.entries(escapes)) {
    it(`"${name}" inside tenant A's transaction cannot read tenant B's projects`, async () => {
      const outcome = await db
        .withTenant(tenants.a, async (tx) => {
          await tx.db.execute(stepOut);
          return rawRows<{ tenant_id: string }>(tx, sql`select tenant_id from projects`);
        })
        .then(
          (rows) => ({ tenants: [...new Set(rows.map((row) => row.tenant_id))] }),
          (error: unknown) => ({ failed: sqlStateOf(error) }),
        );
      // Either the escape or the read is refused, or the rows are still only A's.
      if ("failed" in outcome) expect(outcome.failed).toBe(INSUFFICIENT_PRIVILEGE);
      else expect(outcome.tenants).not.toContain(tenants.b.tenantId);
    });
  }

  it("the session behind a tenant transaction is the restricted login, not a superuser", async () => {
    const [row] = await db.withTenant(tenants.a, (tx) =>
      rawRows<{ session: string; superuser: boolean; bypassRls: boolean }>(
        tx,
        sql`select session_user as session, r.rolsuper as superuser, r.rolbypassrls as "bypassRls"
            from pg_roles r where r.rolname = session_user`,
      ),
    );
    expect(row).toEqual({ session: "jeex_tenant_test", superuser: false, bypassRls: false });
  });

  it("the tenant login passes every check: no superuser, BYPASSRLS, inheritance, other roles or owned objects", async () => {
    const admin = postgres(testPostgresUrl(), { max: 1, onnotice: () => {} });
    try {
      expect(await tenantLoginProblems(admin, "jeex_tenant_test")).toEqual([]);
      // The check is not blind: the system login itself fails it.
      const [system] = await admin<{ user: string }[]>`select current_user as user`;
      expect(await tenantLoginProblems(admin, system?.user ?? "")).toContain("it is a superuser");
    } finally {
      await admin.end();
    }
  });

  it("migrating creates a missing tenant login, restricted, and refuses an existing one that bypasses RLS", async () => {
    const admin = postgres(testPostgresUrl(), { max: 1, onnotice: () => {} });
    const fresh = `jeex_tenant_${process.pid}_${Date.now().toString(36)}`;
    const unsafe = `${fresh}_unsafe`;
    try {
      await ensureTenantLogin(admin, { user: fresh, password: "it's a 'quoted' secret" });
      const [created] =
        await admin`select rolcanlogin as login, rolinherit as inherits, pg_has_role(rolname, 'jeex_app', 'MEMBER') as "jeexApp"
        from pg_roles where rolname = ${fresh}`;
      expect(created).toEqual({ login: true, inherits: false, jeexApp: true });
      expect(await tenantLoginProblems(admin, fresh)).toEqual([]);
      // Idempotent: a second migration keeps the login as it is.
      await ensureTenantLogin(admin, { user: fresh, password: "another" });

      await admin.unsafe(`create role "${unsafe}" login bypassrls noinherit`);
      await expect(ensureTenantLogin(admin, { user: unsafe, password: "" })).rejects.toThrow(
        /it has BYPASSRLS/,
      );
    } finally {
      await admin.unsafe(`drop role if exists "${fresh}"`);
      await admin.unsafe(`drop role if exists "${unsafe}"`);
      await admin.end();
    }
  });

  it("a tenant database URL that logs in as a superuser is refused at the start-up check", async () => {
    const restricted = openPostgresTestDatabase({ poolSize: 1, systemPoolSize: 1 });
    const superuserAsTenant = createDatabase({
      databaseUrl: testPostgresUrl(),
      tenantDatabaseUrl: testPostgresUrl(),
      poolSize: 1,
      systemPoolSize: 1,
    });
    try {
      await expect(restricted.checkTenantLogin()).resolves.toBeUndefined();
      await expect(superuserAsTenant.checkTenantLogin()).rejects.toThrow(/is a superuser/);
    } finally {
      await Promise.all([restricted.close(), superuserAsTenant.close()]);
    }
  });
});
