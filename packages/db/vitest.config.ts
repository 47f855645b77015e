import { defineConfig } from "vitest/config";
import { databaseSuiteSettings } from "./testing/database-suites.ts";

export default defineConfig({ test: databaseSuiteSettings });
