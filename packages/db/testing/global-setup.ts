import type { TestProject } from "vitest/node";
import { createDatabase } from "../src/client.ts";
import { migrationsDir } from "./paths.ts";
import { createThrowawayDatabase, dropDatabases, ensurePostgres, testTenantUrl } from "./postgres-server.ts";
import "./provided-context.ts";

/**
 * Once per test run: make sure Postgres is up, create a throw-away database and migrate it. Each
 * test file then works on its own copy of it (file-database.ts). JEEX_TEST_DATABASES=pglite runs
 * the embedded database only.
 */
export async function setup(project: TestProject) {
  if (process.env.JEEX_TEST_DATABASES === "pglite") {
    project.provide("postgresAdminUrl", "");
    project.provide("postgresTemplate", "");
    return;
  }
  const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  await ensurePostgres(adminUrl);
  const template = `jeex_test_${process.pid}_${Date.now().toString(36)}`;
  const { url } = await createThrowawayDatabase(adminUrl, template);
  // Migrating creates the restricted tenant login, so every Postgres suite's tenant traffic uses it.
  const db = createDatabase({
    databaseUrl: url,
    tenantDatabaseUrl: testTenantUrl(url),
    poolSize: 1,
    systemPoolSize: 1,
  });
  await db.migrate(migrationsDir);
  await db.checkTenantLogin();
  await db.close();
  project.provide("postgresAdminUrl", adminUrl);
  project.provide("postgresTemplate", template);
  // The copies too: a test process that died before its own clean-up leaves one behind.
  return () => dropDatabases(adminUrl, [template], `${template}_`);
}
