import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createProjectRepository } from "../src/repositories/projects.ts";
import { reusableStatement } from "../src/reusable-statement.ts";
import { projects } from "../src/schema/projects.ts";
import { databaseTargets, provisionTestTenant, uniqueSlug, useSuiteDatabase } from "../testing/databases.ts";

// No tenant condition of its own: only RLS on the transaction's connection can keep it to one tenant.
const projectById = reusableStatement<{ id: string }, { id: string; tenantId: string }[]>((db) =>
  db
    .select({ id: projects.id, tenantId: projects.tenantId })
    .from(projects)
    .where(eq(projects.id, sql.placeholder("id")))
    .prepare("test_project_by_id"),
);

describe.each(databaseTargets())("a statement built once on $name", (target) => {
  const suite = useSuiteDatabase(target);
  let ada: { tenantId: string; userId: string };
  let grace: { tenantId: string; userId: string };
  let adasProject: string;
  beforeAll(async () => {
    ada = await provisionTestTenant(suite.db, "reuse-a");
    grace = await provisionTestTenant(suite.db, "reuse-b");
    adasProject = (
      await suite.db.withTenant(ada, (tx) =>
        createProjectRepository(tx).insert({ name: uniqueSlug("ada"), description: "", language: "en" }),
      )
    ).id;
  });

  it("runs on the transaction it is given: it sees that transaction's uncommitted row", async () => {
    const name = uniqueSlug("uncommitted");
    const seen = await suite.db.withTenant(ada, async (tx) => {
      const inserted = await createProjectRepository(tx).insert({ name, description: "", language: "en" });
      return projectById(tx.db, { id: inserted.id });
    });
    expect(seen).toHaveLength(1);
  });

  it("runs under the given transaction's tenant, whichever tenant's transaction built it", async () => {
    for (let round = 0; round < 3; round++) {
      const asAda = await suite.db.withTenant(ada, (tx) => projectById(tx.db, { id: adasProject }), {
        readOnly: true,
      });
      const asGrace = await suite.db.withTenant(grace, (tx) => projectById(tx.db, { id: adasProject }), {
        readOnly: true,
      });
      expect(asAda).toEqual([{ id: adasProject, tenantId: ada.tenantId }]);
      expect(asGrace).toEqual([]);
    }
  });

  it("the repository's prepared look-ups and pages keep to the tenant", async () => {
    const [adaSees, graceSees] = await Promise.all(
      [ada, grace].map((scope) =>
        suite.db.withTenant(scope, async (tx) => {
          const repository = createProjectRepository(tx);
          return {
            found: await repository.findLive(adasProject),
            page: (await repository.listLive({ limit: 50 })).map((row) => row.id),
          };
        }),
      ),
    );
    expect(adaSees?.found?.id).toBe(adasProject);
    expect(adaSees?.page).toContain(adasProject);
    expect(graceSees?.found).toBeUndefined();
    expect(graceSees?.page).toEqual([]);
  });
});
