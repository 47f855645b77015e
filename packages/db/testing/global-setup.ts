import type { TestProject } from "vitest/node";
import { createDatabase } from "../src/client.ts";
import { migrationsDir } from "./paths.ts";
import { createThrowawayDatabase, ensurePostgres, testTenantUrl } from "./postgres-server.ts";
import "./provided-context.ts";

/**
 * Once per test run: make sure Postgres is up, point at TEST_DATABASE_URL or a throw-away
 * database, and migrate it. JEEX_TEST_DATABASES=pglite runs the embedded database only.
 */
export async function setup(project: TestProject) {
  if (process.env.JEEX_TEST_DATABASES === "pglite") {
    project.provide("postgresUrl", "");
    project.provide("postgresTenantUrl", "");
    return;
  }
  const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  await ensurePostgres(process.env.TEST_DATABASE_URL ?? adminUrl);
  const throwaway = process.env.TEST_DATABASE_URL ? undefined : await createThrowawayDatabase(adminUrl);
  const url = process.env.TEST_DATABASE_URL ?? throwaway?.url ?? "";
  // Migrating creates the restricted tenant login, so every Postgres suite's tenant traffic uses it.
  const tenantUrl = testTenantUrl(url);
  const db = createDatabase({
    databaseUrl: url,
    tenantDatabaseUrl: tenantUrl,
    poolSize: 1,
    systemPoolSize: 1,
  });
  await db.migrate(migrationsDir);
  await db.checkTenantLogin();
  await db.close();
  project.provide("postgresUrl", url);
  project.provide("postgresTenantUrl", tenantUrl);
  return async () => {
    await throwaway?.drop();
  };
}
