import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { Database } from "@jeex/db/client";
import { watchOnPglite } from "@jeex/db/credential-changes";
import { createSystemQueries } from "@jeex/db/system";
import { openTenantTransaction } from "@jeex/db/tenant";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";

/**
 * PGlite admits one handle per data directory, so the API and the bare route must share it —
 * and `createDatabase` does not expose its client. This mirrors its PGlite branch (same tenant
 * transaction, same system queries) while keeping the raw client for the bare route.
 */
export function openSharedPglite(dataDir: string): { db: Database; client: PGlite } {
  mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  const drizzleDb = drizzle({ client, casing: "snake_case" });
  const db: Database = {
    driver: "pglite",
    description: `PGlite at ${dataDir} (shared with the bare route)`,
    withTenant: (scope, work) => openTenantTransaction(drizzleDb, scope, work),
    system: createSystemQueries(drizzleDb),
    watchCredentialChanges: watchOnPglite(client),
    migrate: (folder) => migrate(drizzleDb, { migrationsFolder: folder }),
    // One session, as in createDatabase: nothing to check (see the README).
    checkTenantLogin: async () => {},
    ping: async () => {
      await drizzleDb.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
  return { db, client };
}
