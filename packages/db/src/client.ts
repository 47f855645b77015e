import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { withoutQueryValues } from "./errors.ts";
import { createSystemQueries, type SystemQueries } from "./system/index.ts";
import { openTenantTransaction, type TenantScope, type TenantTransaction } from "./tenant.ts";
import { traceTransaction } from "./tracing.ts";
import type { AnyDatabase } from "./types.ts";

export interface DatabaseConfig {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Directory of the PGlite database; `undefined` keeps it in memory (tests). */
  pgliteDataDir?: string | undefined;
  poolSize?: number;
  applicationName?: string;
}

export interface Database {
  readonly driver: "postgres" | "pglite";
  /** Human description for start-up logs, e.g. "PGlite at .data/pg". */
  readonly description: string;
  withTenant<T>(scope: TenantScope, work: (tx: TenantTransaction) => Promise<T>): Promise<T>;
  /** The narrow system path: authentication look-ups and provisioning, outside any tenant. */
  readonly system: SystemQueries;
  migrate(migrationsFolder: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Serialises migrations across processes that share one Postgres (several API instances starting).
const MIGRATION_LOCK_KEY = 5210_0001;

export function createDatabase(config: DatabaseConfig): Database {
  return config.databaseUrl ? connectPostgres(config.databaseUrl, config) : openPglite(config.pgliteDataDir);
}

function connectPostgres(url: string, config: DatabaseConfig): Database {
  const client = postgres(url, {
    max: config.poolSize ?? 10,
    onnotice: () => {},
    connection: { application_name: config.applicationName ?? "jeex" },
  });
  const db = drizzlePostgres({ client, casing: "snake_case" });
  return databaseHandle(db, {
    driver: "postgres",
    description: `Postgres at ${redactUrl(url)}`,
    migrate: async (folder) => {
      // A dedicated connection holds the advisory lock for the whole run.
      const locked = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await locked`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres({ client: locked }), { migrationsFolder: folder });
      } finally {
        await locked.end();
      }
    },
    close: () => client.end({ timeout: 5 }),
  });
}

function openPglite(dataDir: string | undefined): Database {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  const db = drizzlePglite({ client, casing: "snake_case" });
  return databaseHandle(db, {
    driver: "pglite",
    description: dataDir ? `PGlite at ${dataDir}` : "PGlite in memory",
    migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
    close: () => client.close(),
  });
}

function databaseHandle(
  db: AnyDatabase,
  driver: Pick<Database, "driver" | "description" | "migrate" | "close">,
): Database {
  return {
    ...driver,
    withTenant: (scope, work) =>
      traceTransaction(
        { "db.system.name": "postgresql", "jeex.db.driver": driver.driver, "jeex.tenant_id": scope.tenantId },
        () => openTenantTransaction(db, scope, work).catch(rethrowWithoutQueryValues),
      ),
    system: withoutQueryValuesOnFailure(createSystemQueries(db)),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
  };
}

// A failed statement's values never leave the database layer: not in logs, spans or error reports.
const rethrowWithoutQueryValues = (error: unknown): never => {
  throw withoutQueryValues(error);
};

function withoutQueryValuesOnFailure<Queries extends Record<string, (...args: never[]) => Promise<unknown>>>(
  queries: Queries,
): Queries {
  const wrapped: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(queries)) {
    wrapped[name] = (...args: never[]) => query(...args).catch(rethrowWithoutQueryValues);
  }
  return wrapped as Queries;
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
