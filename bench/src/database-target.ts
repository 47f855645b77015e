import { fileURLToPath } from "node:url";
import { createDatabase, type Database } from "@jeex/db/client";
import postgres from "postgres";
import type { DatabaseKind } from "./protocol.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../drizzle", import.meta.url));
const LOCAL_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** postgres:// URL for the servers; undefined for PGlite. */
  url: string | undefined;
  /**
   * The same database as the restricted tenant login: the development login the servers (in
   * development mode) use too, created by the first migration.
   */
  tenantUrl: string | undefined;
  /** One line for humans: what was chosen and why. */
  note: string;
  /** Drops what this run created; a no-op for databases it did not create. */
  cleanup(): Promise<void>;
}

/**
 * BENCH_DATABASE_URL when given (used as is, never dropped); otherwise a throw-away database on
 * the local Postgres; otherwise PGlite — an explicit, reported fallback, never a silent one.
 */
export async function resolveDatabaseTarget(env: NodeJS.ProcessEnv): Promise<DatabaseTarget> {
  const given = env.BENCH_DATABASE_URL;
  if (given) {
    return {
      kind: "postgres",
      url: given,
      tenantUrl: developmentTenantUrl(given),
      note: "Postgres from BENCH_DATABASE_URL",
      cleanup: async () => {},
    };
  }
  const adminUrl = env.BENCH_ADMIN_DATABASE_URL || LOCAL_ADMIN_URL;
  const admin = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await admin`select 1`;
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    return {
      kind: "pglite",
      url: undefined,
      tenantUrl: undefined,
      note: `FALLBACK to embedded PGlite: Postgres at ${redact(adminUrl)} is unreachable (${reason})`,
      cleanup: async () => {},
    };
  }
  const name = `jeex_bench_${Date.now()}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    url: url.toString(),
    tenantUrl: developmentTenantUrl(url.toString()),
    note: `Postgres at ${redact(adminUrl)}, throw-away database ${name}`,
    cleanup: async () => {
      try {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}

/** What apps/api's config defaults DATABASE_TENANT_URL to in development mode. */
function developmentTenantUrl(systemUrl: string): string {
  const url = new URL(systemUrl);
  url.username = "jeex_tenant";
  url.password = "jeex-dev-tenant-login";
  return url.toString();
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** This process's own pool of 4 on `target`, migrated to the latest schema; closed again if that fails. */
export async function openMigratedDatabase(
  target: DatabaseTarget,
  applicationName: string,
): Promise<Database> {
  const db = createDatabase({
    databaseUrl: target.url,
    tenantDatabaseUrl: target.tenantUrl,
    poolSize: 4,
    applicationName,
  });
  try {
    await db.migrate(MIGRATIONS_DIR);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
