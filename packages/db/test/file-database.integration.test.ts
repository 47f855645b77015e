import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { testPostgresUrl } from "../testing/databases.ts";

/** The test kit's isolation: this file's Postgres database is its own migrated copy of the run's. */
describe.runIf(testPostgresUrl())("each test file's own Postgres database", () => {
  it("is a copy of the run's migrated database, not the database itself", async () => {
    const sql = postgres(testPostgresUrl(), { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ name: string; migrated: boolean }[]>`
        select current_database() as name, to_regclass('public.projects') is not null as migrated`;
      const template = inject("postgresTemplate");
      expect(row?.name).not.toBe(template);
      expect(row?.name.startsWith(`${template}_`)).toBe(true);
      expect(row?.migrated).toBe(true);
    } finally {
      await sql.end();
    }
  });
});
