import { defineConfig } from "vitest/config";
import { databaseSuiteSettings } from "../../packages/db/testing/database-suites.ts";

/**
 * postgres.js 3.4.9 can reject a promise nobody holds when the server kills a connection
 * mid-query (upstream porsager/postgres#1208; we patch the crashing part in patches/). The fault
 * drills kill backends on purpose, so those rejections — and only those — are not test failures.
 * The API process logs such strays instead of crashing (see src/process-guards.ts).
 */
function isLostDatabaseConnection(error: { code?: unknown; message?: unknown }): boolean {
  const code = typeof error.code === "string" ? error.code : "";
  return /^(08|57P)/.test(code) || /^(CONNECTION_|ECONNRESET|EPIPE)/.test(code);
}

export default defineConfig({
  test: {
    ...databaseSuiteSettings,
    onUnhandledError: (error) => (isLostDatabaseConnection(error as { code?: unknown }) ? false : undefined),
  },
});
