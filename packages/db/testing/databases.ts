import type { SQL } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { createDatabase, type Database, type DatabaseConfig } from "../src/client.ts";
import { sqlStateOf } from "../src/errors.ts";
import type { TenantTransaction } from "../src/tenant.ts";
import { migrationsDir } from "./paths.ts";
import { testTenantUrl } from "./postgres-server.ts";

let fileDatabaseUrl = "";

/** Set once per test file by the setup file (file-database.ts). */
export function useFileDatabase(url: string) {
  fileDatabaseUrl = url;
}

/**
 * This test file's own migrated Postgres database, as the admin login, or "" when Postgres tests
 * are off (so `describe.runIf(testPostgresUrl())` skips Postgres-only suites).
 */
export const testPostgresUrl = () => fileDatabaseUrl;

/** The same database as the restricted login tenant transactions connect as, or "". */
export const testPostgresTenantUrl = () => fileDatabaseUrl && testTenantUrl(fileDatabaseUrl);

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
  if (testPostgresUrl()) {
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

/** The file's Postgres database: the system path as the admin login, tenant traffic as the restricted one. */
export function openPostgresTestDatabase(
  options: Omit<DatabaseConfig, "databaseUrl" | "tenantDatabaseUrl"> = {},
) {
  return createDatabase({
    databaseUrl: testPostgresUrl(),
    tenantDatabaseUrl: testPostgresTenantUrl(),
    ...options,
  });
}

/** The variables a server or worker process needs to reach the file's Postgres database. */
export const postgresTestEnv = () => ({
  DATABASE_URL: testPostgresUrl(),
  DATABASE_TENANT_URL: testPostgresTenantUrl(),
});

let counter = 0;
/** Unique per test process, so names never collide (in Redis, say, which suites share). */
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
