import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { useFileDatabase } from "./databases.ts";
import { createThrowawayDatabase } from "./postgres-server.ts";
import "./provided-context.ts";

/**
 * A vitest setup file: each test file gets its own copy of the run's migrated database, dropped
 * after its last test. Suites never see each other's rows — in particular, a process a suite
 * starts runs the job recovery sweep, which queues every unfinished execution and export in its
 * database; on a shared database it would run other suites' leftovers with its own model.
 */
const adminUrl = inject("postgresAdminUrl");
if (adminUrl) {
  const template = inject("postgresTemplate");
  const copy = await createThrowawayDatabase(
    adminUrl,
    `${template}_${randomBytes(4).toString("hex")}`,
    template,
  );
  useFileDatabase(copy.url);
  afterAll(copy.drop);
}
