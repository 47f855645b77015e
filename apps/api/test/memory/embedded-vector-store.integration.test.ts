import { createEmbeddedVectorStore, createHashingEmbedder } from "@jeex/core/memory";
import type { Database } from "@jeex/db/client";
import { databaseTargets, rawRows } from "@jeex/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDocumentRow,
  createTenantWorld,
  createVersionRow,
  withTenantMemory,
} from "./support/embedded-world.ts";
import { describeVectorStoreBehaviour, type TenantWorld } from "./support/vector-store-behaviour.ts";

for (const target of databaseTargets()) {
  describeVectorStoreBehaviour(`embedded on ${target.name}`, async () => {
    const db = await target.open();
    const tenants = [await createTenantWorld(db), await createTenantWorld(db)] as [TenantWorld, TenantWorld];
    return {
      store: createEmbeddedVectorStore(),
      tenants,
      newDocument: (tenant, projectId, kind) => createDocumentRow(db, tenant, projectId, kind),
      newVersion: (tenant, documentId) => createVersionRow(db, tenant, documentId),
      withMemory: (tenant, work) => withTenantMemory(db, tenant, work),
      close: () => db.close(),
    };
  });

  describe(`embedded memory under RLS on ${target.name}`, () => {
    let db: Database;
    let tenantA: TenantWorld;
    let tenantB: TenantWorld;
    const store = createEmbeddedVectorStore();
    const embedder = createHashingEmbedder();

    beforeAll(async () => {
      db = await target.open();
      tenantA = await createTenantWorld(db);
      tenantB = await createTenantWorld(db);
      const { documentId, versionId } = await createDocumentRow(db, tenantA, tenantA.projectIds[0], "about");
      const [vector] = await embedder.embed(["tenant A's confidential pricing"]);
      await withTenantMemory(db, tenantA, (memory) =>
        store
          .session(memory)
          .replaceDocument({ tenantId: tenantA.tenantId, projectId: tenantA.projectIds[0] }, documentId, [
            {
              documentId,
              versionId,
              version: 1,
              path: "docs/about.md",
              type: "about",
              visibility: "project",
              lang: "en",
              tags: ["about"],
              heading: "About",
              text: "tenant A's confidential pricing",
              contentHash: "hash-a",
              vector: vector as Float32Array,
            },
          ]),
      );
    });
    afterAll(async () => {
      await db.close();
    });

    it("a raw select inside tenant B's transaction sees none of tenant A's chunks (RLS below the code)", async () => {
      const seenByA = await db.withTenant(tenantA, (tx) =>
        rawRows<{ count: number | string }>(
          tx,
          sql`select count(*) as count from memory_chunks where tenant_id = ${tenantA.tenantId}`,
        ),
      );
      expect(Number(seenByA[0]?.count)).toBe(1);
      const seenByB = await db.withTenant(tenantB, (tx) =>
        rawRows<{ tenant_id: string }>(tx, sql`select tenant_id from memory_chunks`),
      );
      expect(seenByB.filter((row) => row.tenant_id === tenantA.tenantId)).toEqual([]);
      const aboutA = await db.withTenant(tenantB, (tx) =>
        rawRows<{ id: string }>(
          tx,
          sql`select id from memory_chunks where project_id = ${tenantA.projectIds[0]}`,
        ),
      );
      expect(aboutA).toEqual([]);
    });

    it("a raw delete of tenant A's chunks inside tenant B's transaction deletes nothing", async () => {
      await db.withTenant(tenantB, (tx) =>
        tx.db.execute(sql`delete from memory_chunks where tenant_id = ${tenantA.tenantId}`),
      );
      const left = await db.withTenant(tenantA, (tx) =>
        rawRows<{ count: number | string }>(tx, sql`select count(*) as count from memory_chunks`),
      );
      expect(Number(left[0]?.count)).toBe(1);
    });
  });
}
