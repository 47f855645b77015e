import { fileURLToPath } from "node:url";

/** The repository's top-level drizzle/ folder, where generated and custom migrations live. */
export const migrationsDir = fileURLToPath(new URL("../../../drizzle", import.meta.url));
