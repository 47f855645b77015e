import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/client.ts";
import { createProjectRepository } from "../src/repositories/projects.ts";
import { databaseTargets, rawRows, uniqueSlug } from "../testing/databases.ts";

// The tenant transaction's opening (BEGIN and the context statement) is pipelined on Postgres:
// these pin down that it still behaves as one transaction that commits or rolls back whole.
describe.each(databaseTargets())("tenant transaction on $name", (target) => {
  let db: Database;
  let tenant: { tenantId: string; userId: string };

  beforeAll(async () => {
    db = await target.open();
    const created = await db.system.provisionApiKey({
      tenantSlug: uniqueSlug("tx"),
      tenantName: "tx",
      email: `${uniqueSlug("tx")}@example.test`,
      role: "owner",
      keyName: "test",
      prefix: uniqueSlug("p"),
      secretHash: "unused",
    });
    tenant = { tenantId: created.tenantId, userId: created.userId };
  });
  afterAll(() => db.close());

  const projectsNamed = (name: string) =>
    db.withTenant(tenant, (tx) => rawRows(tx, sql`select id from projects where name = ${name}`));

  it("the first statement already runs as jeex_app with the tenant and user set", async () => {
    const [row] = await db.withTenant(tenant, (tx) =>
      rawRows<{ role: string; tenant_id: string; user_id: string }>(
        tx,
        sql`select current_user as role, current_setting('app.tenant_id') as tenant_id, current_setting('app.user_id') as user_id`,
      ),
    );
    expect(row).toEqual({ role: "jeex_app", tenant_id: tenant.tenantId, user_id: tenant.userId });
  });

  it("an error thrown after a write rolls the write back", async () => {
    const name = uniqueSlug("rolled-back");
    const attempt = db.withTenant(tenant, async (tx) => {
      await createProjectRepository(tx).insert({ name, description: "", language: "en" });
      throw new Error("procedure failed");
    });
    await expect(attempt).rejects.toThrow("procedure failed");
    expect(await projectsNamed(name)).toEqual([]);
  });

  it("a failing statement rolls back the writes before it, and the next transaction is clean", async () => {
    const name = uniqueSlug("before-failure");
    const attempt = db.withTenant(tenant, async (tx) => {
      await createProjectRepository(tx).insert({ name, description: "", language: "en" });
      await tx.db.execute(sql`select 1 / 0`);
    });
    await expect(attempt).rejects.toThrow();
    expect(await projectsNamed(name)).toEqual([]);
    const [row] = await db.withTenant(tenant, (tx) =>
      rawRows<{ tenant_id: string }>(tx, sql`select current_setting('app.tenant_id') as tenant_id`),
    );
    expect(row?.tenant_id).toBe(tenant.tenantId);
  });

  it("work that succeeds commits", async () => {
    const name = uniqueSlug("committed");
    await db.withTenant(tenant, (tx) =>
      createProjectRepository(tx).insert({ name, description: "", language: "en" }),
    );
    expect(await projectsNamed(name)).toHaveLength(1);
  });

  it("concurrent transactions of two tenants each see their own context", async () => {
    const other = await db.system.provisionApiKey({
      tenantSlug: uniqueSlug("tx-other"),
      tenantName: "tx-other",
      email: `${uniqueSlug("tx-other")}@example.test`,
      role: "owner",
      keyName: "test",
      prefix: uniqueSlug("p"),
      secretHash: "unused",
    });
    const scopes = Array.from({ length: 24 }, (_, i) =>
      i % 2 === 0 ? tenant : { tenantId: other.tenantId, userId: other.userId },
    );
    const seen = await Promise.all(
      scopes.map((scope) =>
        db.withTenant(scope, async (tx) => {
          const [row] = await rawRows<{ tenant_id: string }>(
            tx,
            sql`select current_setting('app.tenant_id') as tenant_id`,
          );
          return row?.tenant_id;
        }),
      ),
    );
    expect(seen).toEqual(scopes.map((scope) => scope.tenantId));
  });
});
