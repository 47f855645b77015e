import { sql } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { isConnectionLost } from "../src/errors.ts";
import { createProjectRepository } from "../src/repositories/projects.ts";
import { CredentialChangedError } from "../src/tenant.ts";
import {
  databaseTargets,
  openPostgresTestDatabase,
  provisionTestTenant,
  rawRows,
  testPostgresUrl,
  uniqueSlug,
  useSuiteDatabase,
} from "../testing/databases.ts";

// The tenant transaction's opening (BEGIN and the context statement) is pipelined on Postgres:
// these pin down that it still behaves as one transaction that commits or rolls back whole.
describe.each(databaseTargets())("tenant transaction on $name", (target) => {
  const suite = useSuiteDatabase(target);
  let tenant: { tenantId: string; userId: string };
  beforeAll(async () => {
    tenant = await provisionTestTenant(suite.db, "tx");
  });

  const projectsNamed = (name: string) =>
    suite.db.withTenant(tenant, (tx) => rawRows(tx, sql`select id from projects where name = ${name}`));

  it("the first statement already runs as jeex_app with the tenant and user set", async () => {
    const [row] = await suite.db.withTenant(tenant, (tx) =>
      rawRows<{ role: string; tenant_id: string; user_id: string }>(
        tx,
        sql`select current_user as role, current_setting('app.tenant_id') as tenant_id, current_setting('app.user_id') as user_id`,
      ),
    );
    expect(row).toEqual({ role: "jeex_app", tenant_id: tenant.tenantId, user_id: tenant.userId });
  });

  it("an error thrown after a write rolls the write back", async () => {
    const name = uniqueSlug("rolled-back");
    const attempt = suite.db.withTenant(tenant, async (tx) => {
      await createProjectRepository(tx).insert({ name, description: "", language: "en" });
      throw new Error("procedure failed");
    });
    await expect(attempt).rejects.toThrow("procedure failed");
    expect(await projectsNamed(name)).toEqual([]);
  });

  it("a failing statement rolls back the writes before it, and the next transaction is clean", async () => {
    const name = uniqueSlug("before-failure");
    const attempt = suite.db.withTenant(tenant, async (tx) => {
      await createProjectRepository(tx).insert({ name, description: "", language: "en" });
      await tx.db.execute(sql`select 1 / 0`);
    });
    await expect(attempt).rejects.toThrow();
    expect(await projectsNamed(name)).toEqual([]);
    const [row] = await suite.db.withTenant(tenant, (tx) =>
      rawRows<{ tenant_id: string }>(tx, sql`select current_setting('app.tenant_id') as tenant_id`),
    );
    expect(row?.tenant_id).toBe(tenant.tenantId);
  });

  it("work that succeeds commits", async () => {
    const name = uniqueSlug("committed");
    await suite.db.withTenant(tenant, (tx) =>
      createProjectRepository(tx).insert({ name, description: "", language: "en" }),
    );
    expect(await projectsNamed(name)).toHaveLength(1);
  });

  it("a read-only transaction refuses writes and reads as usual; the connection's next transaction is clean", async () => {
    const name = uniqueSlug("read-only");
    const write = suite.db.withTenant(
      tenant,
      (tx) => createProjectRepository(tx).insert({ name, description: "", language: "en" }),
      { readOnly: true },
    );
    const refused = (await write.catch((error: unknown) => error)) as Error & { cause?: Error };
    expect(refused.cause?.message ?? refused.message).toMatch(/read-only transaction/);
    expect(await projectsNamed(name)).toEqual([]);
    // Many reads back to back: each one's COMMIT is not waited for, the next one queues behind it.
    const reads = await Promise.all(
      Array.from({ length: 30 }, () =>
        suite.db.withTenant(
          tenant,
          (tx) =>
            rawRows<{ tenant_id: string; read_only: string }>(
              tx,
              sql`select current_setting('app.tenant_id') as tenant_id, current_setting('transaction_read_only') as read_only`,
            ),
          { readOnly: true },
        ),
      ),
    );
    for (const [row] of reads) expect(row).toEqual({ tenant_id: tenant.tenantId, read_only: "on" });
    const committed = uniqueSlug("after-read-only");
    await suite.db.withTenant(tenant, (tx) =>
      createProjectRepository(tx).insert({ name: committed, description: "", language: "en" }),
    );
    expect(await projectsNamed(committed)).toHaveLength(1);
  });

  it("concurrent transactions of two tenants each see their own context", async () => {
    const other = await provisionTestTenant(suite.db, "tx-other");
    const scopes = Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? tenant : other));
    const seen = await Promise.all(
      scopes.map((scope) =>
        suite.db.withTenant(scope, async (tx) => {
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

  // More statements than postgres.js pipelines (100) wait in the reserved connection's own queue;
  // they used to stay unsettled when the backend died, and the request hung forever.
  it.runIf(target.name === "postgres")(
    "a backend killed mid-transaction fails every waiting statement, and the pool recovers",
    async () => {
      const admin = postgres(testPostgresUrl(), { max: 1, onnotice: () => {} });
      try {
        const attempt = suite.db.withTenant(tenant, async (tx) => {
          const [row] = await rawRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
          const waiting = Promise.all([
            rawRows(tx, sql`select pg_sleep(5)`),
            ...Array.from({ length: 120 }, () => rawRows(tx, sql`select 1`)),
          ]);
          waiting.catch(() => {}); // awaited below, after the kill
          await new Promise((resolve) => setTimeout(resolve, 200));
          await admin`select pg_terminate_backend(${row?.pid ?? 0})`;
          return waiting;
        });
        const failure = await attempt.then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(isConnectionLost(failure)).toBe(true);
        // The slot's new session starts clean: postgres.js used to hand it the dead session's
        // last error, failing its first statement.
        const after = await Promise.allSettled(
          Array.from({ length: 16 }, () =>
            suite.db.withTenant(tenant, (tx) => rawRows(tx, sql`select 1 as one`)),
          ),
        );
        expect(after.map((r) => r.status)).toEqual(Array.from({ length: 16 }, () => "fulfilled"));
      } finally {
        await admin.end();
      }
    },
  );

  it("a transaction for an API key commits only while the key is live with the role it was read with", async () => {
    const key = await suite.db.system.provisionApiKey({
      tenantSlug: uniqueSlug("standing"),
      tenantName: "standing",
      email: `${uniqueSlug("standing")}@example.test`,
      role: "editor",
      keyName: "bot",
      prefix: uniqueSlug("p"),
      secretHash: "unused",
    });
    const inTenant = { tenantId: key.tenantId, userId: key.userId };
    const insertAs = (role: string, name: string) =>
      suite.db.withTenant({ ...inTenant, apiKeyId: key.apiKeyId, role }, (tx) =>
        createProjectRepository(tx).insert({ name, description: "", language: "en" }),
      );

    await insertAs("editor", "granted");
    await expect(insertAs("owner", "another role")).rejects.toBeInstanceOf(CredentialChangedError);
    await suite.db.withTenant(inTenant, (tx) =>
      rawRows(tx, sql`update api_keys set revoked_at = now() where id = ${key.apiKeyId}`),
    );
    // Another tenant's transaction cannot confirm this key: RLS hides it there.
    const elsewhere = { ...tenant, apiKeyId: key.apiKeyId, role: "editor" };
    await expect(suite.db.withTenant(elsewhere, async () => {})).rejects.toBeInstanceOf(
      CredentialChangedError,
    );
    await expect(insertAs("editor", "revoked")).rejects.toBeInstanceOf(CredentialChangedError);

    const rows = await suite.db.withTenant(inTenant, (tx) =>
      rawRows<{ name: string }>(tx, sql`select name from projects`),
    );
    expect(rows).toEqual([{ name: "granted" }]);
  });

  // postgres.js handed a waiting reserve to the reconnect of the connection that died as if it
  // were a query, and dropped it: the transaction never started and its request hung forever.
  it.runIf(target.name === "postgres")(
    "a transaction waiting for the pool's only connection gets it when that connection's backend is killed",
    async () => {
      const applicationName = uniqueSlug("tx-wait");
      const single = openPostgresTestDatabase({ poolSize: 1, applicationName });
      const admin = postgres(testPostgresUrl(), { max: 1, onnotice: () => {} });
      try {
        const holding = single.withTenant(tenant, (tx) => rawRows(tx, sql`select pg_sleep(5)`));
        holding.catch(() => {}); // its failure is the drill, checked below
        await new Promise((resolve) => setTimeout(resolve, 200));
        const waiting = single.withTenant(tenant, (tx) => rawRows<{ one: number }>(tx, sql`select 1 as one`));
        await new Promise((resolve) => setTimeout(resolve, 100));
        await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${applicationName}`;
        const holdingFailure = await holding.then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(isConnectionLost(holdingFailure)).toBe(true);
        expect(await waiting).toEqual([{ one: 1 }]);
      } finally {
        await admin.end();
        await single.close();
      }
    },
  );
});
