import type { SQL } from "drizzle-orm";
import { afterAll, beforeAll, inject } from "vitest";
import { createDatabase, type Database, type DatabaseConfig } from "../src/client.ts";
import { sqlStateOf } from "../src/errors.ts";
import type { TenantTransaction } from "../src/tenant.ts";
import { migrationsDir } from "./paths.ts";
import "./provided-context.ts";

export interface DatabaseTarget {
  name: "pglite" | "postgres";
  open(): Promise<Database>;
}

/** Every integration suite runs once per target: embedded PGlite and real Postgres. */
export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [
    {
      name: "pglite",
      open: async () => {
        const db = createDatabase({});
        await db.migrate(migrationsDir);
        return db;
      },
    },
  ];
  if (inject("postgresUrl")) {
    targets.push({ name: "postgres", open: async () => openPostgresTestDatabase({ poolSize: 8 }) });
  }
  return targets;
}

/**
 * The suite's database on `target`: opened before its first test, closed after its last. Read `db`
 * inside hooks and tests; hooks registered after this call see it open.
 */
export function useSuiteDatabase(target: DatabaseTarget) {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(() => db?.close());
  return {
    get db(): Database {
      if (!db) throw new Error("useSuiteDatabase: read db inside a hook or test, after its beforeAll");
      return db;
    },
  };
}

/** The run's Postgres database: the system path as the admin login, tenant traffic as the restricted one. */
export function openPostgresTestDatabase(
  options: Omit<DatabaseConfig, "databaseUrl" | "tenantDatabaseUrl"> = {},
) {
  return createDatabase({
    databaseUrl: inject("postgresUrl"),
    tenantDatabaseUrl: inject("postgresTenantUrl"),
    ...options,
  });
}

/** The variables a server or worker process needs to reach the run's Postgres database. */
export const postgresTestEnv = () => ({
  DATABASE_URL: inject("postgresUrl"),
  DATABASE_TENANT_URL: inject("postgresTenantUrl"),
});

let counter = 0;
/** Unique per test process, so suites sharing one Postgres database never collide. */
export const uniqueSlug = (label: string) =>
  `${label}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

/** A fresh tenant with one owner, straight through the system path (its API key has no usable secret). */
export async function provisionTestTenant(db: Database, label: string) {
  const { tenantId, userId } = await db.system.provisionApiKey({
    tenantSlug: uniqueSlug(label),
    tenantName: label,
    email: `${uniqueSlug(label)}@example.test`,
    role: "owner",
    keyName: "test",
    prefix: uniqueSlug("p"),
    secretHash: "unused",
  });
  return { tenantId, userId };
}

/** Raw SQL inside a tenant transaction, with rows normalised across postgres.js and PGlite results. */
export async function rawRows<Row>(tx: TenantTransaction, query: SQL): Promise<Row[]> {
  const result: unknown = await tx.db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

/** Resolves to the SQLSTATE a statement failed with (throws if it succeeded). */
export async function sqlStateOfFailure(attempt: Promise<unknown>): Promise<string | undefined> {
  try {
    await attempt;
  } catch (error) {
    return sqlStateOf(error);
  }
  throw new Error("expected the statement to fail");
}
