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
      "or set TEST_POSTGRES_ADMIN_URL / TEST_DATABASE_URL.",
  );
}

/** Creates an empty, uniquely named database and returns its URL and a function that drops it. */
export async function createThrowawayDatabase(adminUrl: string) {
  const name = `jeex_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists "${name}" with (force)`);
      await again.end();
    },
  };
}

/** The test run's login for tenant traffic: restricted, created by the global setup's migration. */
export const testTenantUrl = (systemUrl: string) =>
  withLogin(systemUrl, { user: "jeex_tenant_test", password: "jeex-test-tenant-login" });
