import { fileURLToPath } from "node:url";

/**
 * The vitest settings of a package whose suites run on the test databases (db, core, api): the
 * global setup starts Postgres if needed and migrates one throw-away database for the run, and
 * each test file works on its own copy of it.
 * Imported by path from each vitest config, so loading a config does not load the test kit.
 */
export const databaseSuiteSettings = {
  include: ["test/**/*.test.ts"],
  globalSetup: [fileURLToPath(new URL("./global-setup.ts", import.meta.url))],
  setupFiles: [fileURLToPath(new URL("./file-database.ts", import.meta.url))],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};
