import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import postgres from "postgres";
import { withLogin } from "../src/tenant-login.ts";

// Integration tests use a real Postgres. When it is installed but stopped, start it rather than skip.

const CLUSTER_ROOT = "/etc/postgresql";

async function reachable(adminUrl: string): Promise<boolean> {
  const sql = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function startLocalCluster(): boolean {
  if (!existsSync(CLUSTER_ROOT)) return false;
  for (const version of readdirSync(CLUSTER_ROOT)) {
    try {
      execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], {
        stdio: "ignore",
      });
      return true;
    } catch {
      // Already running or not startable from here; the reachability check below decides.
    }
  }
  return false;
}

export async function ensurePostgres(adminUrl: string): Promise<void> {
  if (await reachable(adminUrl)) return;
  startLocalCluster();
  for (let attempt = 0; attempt < 30; attempt++) {
    if (await reachable(adminUrl)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `Postgres is not reachable at ${adminUrl} and could not be started. Install PostgreSQL (see README) ` +
      "or set TEST_POSTGRES_ADMIN_URL.",
  );
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** `url` with its database name replaced. */
export function onDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

async function asAdmin<T>(adminUrl: string, work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * Creates a database named `name` (a copy of `template`, when given) and returns its URL and a
 * function that drops it, closing whatever connections are still open to it.
 */
export async function createThrowawayDatabase(adminUrl: string, name: string, template?: string) {
  const from = template ? ` template ${quoted(template)}` : "";
  await asAdmin(adminUrl, (admin) => admin.unsafe(`create database ${quoted(name)}${from}`));
  return { url: onDatabase(adminUrl, name), drop: () => dropDatabases(adminUrl, [name]) };
}

/** Drops the named databases, and every database whose name starts with `prefix` when given. */
export async function dropDatabases(adminUrl: string, names: string[], prefix?: string) {
  await asAdmin(adminUrl, async (admin) => {
    const copies = prefix
      ? await admin<
          { datname: string }[]
        >`select datname from pg_database where starts_with(datname, ${prefix})`
      : [];
    for (const name of [...names, ...copies.map((row) => row.datname)])
      await admin.unsafe(`drop database if exists ${quoted(name)} with (force)`);
  });
}

/** The test run's login for tenant traffic: restricted, created by the global setup's migration. */
export const testTenantUrl = (systemUrl: string) =>
  withLogin(systemUrl, { user: "jeex_tenant_test", password: "jeex-test-tenant-login" });
