import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/client.ts";
import { createProjectRepository } from "../src/repositories/projects.ts";
import type { AnyTransaction } from "../src/types.ts";
import { databaseTargets, provisionTestTenant, rawRows, sqlStateOfFailure } from "../testing/databases.ts";

const INSUFFICIENT_PRIVILEGE = "42501";

describe.each(databaseTargets())("row level security on $name", (target) => {
  let db: Database;
  const tenants: Record<"a" | "b", { tenantId: string; userId: string }> = {} as never;

  beforeAll(async () => {
    db = await target.open();
    for (const label of ["a", "b"] as const) {
      tenants[label] = await provisionTestTenant(db, `rls-${label}`);
      await db.withTenant(tenants[label], (tx) =>
        createProjectRepository(tx).insert({ name: `${label} project`, description: "", language: "en" }),
      );
    }
  });
  afterAll(() => db.close());

  it("a raw select inside tenant A's transaction returns only A's rows", async () => {
    const rows = await db.withTenant(tenants.a, (tx) =>
      rawRows<{ tenant_id: string }>(tx, sql`select tenant_id from projects`),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.tenant_id))).toEqual(new Set([tenants.a.tenantId]));
  });

  it("an insert carrying tenant B's id is rejected inside tenant A's transaction", async () => {
    const attempt = db.withTenant(tenants.a, (tx) =>
      tx.db.execute(
        sql`insert into projects (id, tenant_id, name) values (gen_random_uuid(), ${tenants.b.tenantId}, 'smuggled')`,
      ),
    );
    expect(await sqlStateOfFailure(attempt)).toBe(INSUFFICIENT_PRIVILEGE);
    const smuggled = await db.withTenant(tenants.b, (tx) =>
      rawRows(tx, sql`select id from projects where name = 'smuggled'`),
    );
    expect(smuggled).toEqual([]);
  });

  it("moving a row to another tenant by update is rejected", async () => {
    const attempt = db.withTenant(tenants.a, (tx) =>
      tx.db.execute(sql`update projects set tenant_id = ${tenants.b.tenantId}`),
    );
    expect(await sqlStateOfFailure(attempt)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it("the application role without a tenant context sees no rows at all", async () => {
    const rows = await db.withTenant(tenants.a, async (tx) => {
      await tx.db.execute(sql`select set_config('app.tenant_id', '', true)`);
      return rawRows(tx, sql`select id from projects`);
    });
    expect(rows).toEqual([]);
  });

  it("the transaction runs as jeex_app with both settings from one statement", async () => {
    const [row] = await db.withTenant(tenants.a, (tx) =>
      rawRows(
        tx,
        sql`select current_user as role, current_setting('app.tenant_id') as tenant, current_setting('app.user_id') as "user"`,
      ),
    );
    expect(row).toEqual({ role: "jeex_app", tenant: tenants.a.tenantId, user: tenants.a.userId });
  });

  it("repositories cannot be built without a tenant transaction", () => {
    const untyped = (rawTransaction: AnyTransaction) =>
      // @ts-expect-error — a plain drizzle transaction has no tenant context; only withTenant mints one.
      createProjectRepository(rawTransaction);
    expect(typeof untyped).toBe("function");
  });
});
