import { defineConfig } from "drizzle-kit";

// Migrations are generated (never pushed) into the repository's top-level drizzle/ and reviewed.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "../../drizzle",
  casing: "snake_case",
});
