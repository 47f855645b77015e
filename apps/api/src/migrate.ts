import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./database.ts";
import { acquireEmbeddedLock } from "./embedded-lock.ts";

// `pnpm db:migrate`: applies drizzle/ migrations to DATABASE_URL (or the embedded database).

try {
  const config = loadConfig();
  const releaseLock = config.database.url ? undefined : acquireEmbeddedLock(config.dataDir);
  const db = openDatabase(config, "jeex-migrate");
  try {
    process.stderr.write(`database: ${db.description}\nmigrations: ${config.database.migrationsDir}\n`);
    await db.migrate(config.database.migrationsDir);
    process.stderr.write("migrations applied\n");
  } finally {
    await db.close();
    releaseLock?.();
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? "" : "migrate: "}${(error as Error).message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
