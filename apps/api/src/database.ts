import { join } from "node:path";
import { createDatabase, type Database } from "@jeex/db/client";
import type { AppConfig } from "./config.ts";

/**
 * Postgres when DATABASE_URL is set (tenant traffic through DATABASE_TENANT_URL's restricted
 * login), otherwise the embedded PGlite file database under DATA_DIR.
 */
export function openDatabase(config: AppConfig, applicationName: string): Database {
  return createDatabase({
    databaseUrl: config.database.url,
    tenantDatabaseUrl: config.database.tenantUrl,
    pgliteDataDir: config.database.url ? undefined : join(config.dataDir, "pg"),
    poolSize: config.database.poolSize,
    systemPoolSize: config.database.systemPoolSize,
    applicationName,
  });
}
