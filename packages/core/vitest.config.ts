import { defineConfig } from "vitest/config";
import { databaseSuiteSettings } from "../db/testing/database-suites.ts";

// Worker-path suites (test/workflow) run on PGlite and a throw-away Postgres database.
export default defineConfig({ test: databaseSuiteSettings });
