import { createHash, randomUUID } from "node:crypto";
import type { ChunkToStore, ProjectKey, VectorStore } from "@jeex/core/memory";
import { createHashingEmbedder } from "@jeex/core/memory";
import type { MemoryRepository } from "@jeex/db/repositories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// One behaviour suite, run against every vector store adapter: what `memory.search` and the
// indexing pipeline rely on, whichever store is configured.

export interface TenantWorld {
  tenantId: string;
  userId: string;
  /** Two projects of the tenant. */
  projectIds: [string, string];
}

export interface StoreUnderTest {
  store: VectorStore;
  tenants: [TenantWorld, TenantWorld];
  /** A document with one version in a tenant's project (real rows where the store has foreign keys). */
  newDocument(
    tenant: TenantWorld,
    projectId: string,
    kind: string,
  ): Promise<{ documentId: string; versionId: string }>;
  /** Another version of the document; returns its id. */
  newVersion(tenant: TenantWorld, documentId: string): Promise<string>;
  /** Runs `work` with the tenant's memory repository, inside a tenant transaction where there is a database. */
  withMemory<T>(tenant: TenantWorld, work: (memory: MemoryRepository) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const embedder = createHashingEmbedder(384);

interface DocumentFixture {
  documentId: string;
  versionId: string;
  version: number;
  kind: string;
  path: string;
}

async function chunksOf(doc: DocumentFixture, texts: string[]): Promise<ChunkToStore[]> {
  const vectors = await embedder.embed(texts);
  return texts.map((text, i) => ({
    documentId: doc.documentId,
    versionId: doc.versionId,
    version: doc.version,
    path: doc.path,
    type: doc.kind,
    visibility: "project",
    lang: "en",
    tags: ["test"],
    heading: `Heading ${i}`,
    text,
    contentHash: createHash("sha256").update(text).digest("hex"),
    vector: vectors[i] as Float32Array,
  }));
}

const queryVector = async (text: string) => (await embedder.embed([text]))[0] as Float32Array;

export function describeVectorStoreBehaviour(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`vector store behaviour: ${name}`, () => {
    let subject: StoreUnderTest;
    let tenantA: TenantWorld;
    let tenantB: TenantWorld;

    beforeAll(async () => {
      subject = await open();
      [tenantA, tenantB] = subject.tenants;
      await subject.store.prepare();
    });
    afterAll(async () => {
      await subject.close();
    });

    const keyOf = (tenant: TenantWorld, projectId = tenant.projectIds[0]): ProjectKey => ({
      tenantId: tenant.tenantId,
      projectId,
    });

    async function indexDocument(
      tenant: TenantWorld,
      projectId: string,
      kind: string,
      texts: string[],
      version = 1,
    ) {
      const { documentId, versionId } = await subject.newDocument(tenant, projectId, kind);
      const doc = { documentId, versionId, version, kind, path: `docs/${kind}-${documentId.slice(0, 8)}.md` };
      await replace(tenant, projectId, doc, texts);
      return doc;
    }

    function replace(tenant: TenantWorld, projectId: string, doc: DocumentFixture, texts: string[]) {
      return subject.withMemory(tenant, async (memory) =>
        subject.store
          .session(memory)
          .replaceDocument(keyOf(tenant, projectId), doc.documentId, await chunksOf(doc, texts)),
      );
    }

    async function search(
      tenant: TenantWorld,
      projectId: string,
      query: string,
      options: { limit?: number; types?: string[] } = {},
    ) {
      const vector = await queryVector(query);
      return subject.withMemory(tenant, (memory) =>
        subject.store
          .session(memory)
          .search(keyOf(tenant, projectId), vector, { limit: options.limit ?? 10, types: options.types }),
      );
    }

    it("finds the chunk that shares the query's words first, with its document, version, path and heading", async () => {
      const projectId = tenantA.projectIds[0];
      const doc = await indexDocument(tenantA, projectId, "architecture", [
        "Postgres stores every document version with row level security per tenant.",
        "The mobile app shows live GPS tracking of each dog walk on a map.",
        "Reviews let owners rate walkers after every walk.",
      ]);
      const hits = await search(tenantA, projectId, "live GPS tracking map");
      expect(hits[0]).toMatchObject({
        documentId: doc.documentId,
        versionId: doc.versionId,
        version: 1,
        path: doc.path,
        type: "architecture",
        heading: "Heading 1",
        text: "The mobile app shows live GPS tracking of each dog walk on a map.",
      });
      expect(hits[0]?.score).toBeGreaterThan(0.3);
      expect(hits[0]?.score).toBeLessThanOrEqual(1.000_001);
      const scores = hits.map((hit) => hit.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it("replacing a document's chunks leaves only the new version searchable", async () => {
      const projectId = tenantA.projectIds[0];
      const doc = await indexDocument(tenantA, projectId, "about", [
        "Walkers carry first-aid kits for pets.",
      ]);
      const versionId = await subject.newVersion(tenantA, doc.documentId);
      const v2 = { ...doc, versionId, version: 2 };
      await replace(tenantA, projectId, v2, [
        "Walkers must hold a municipal licence.",
        "Owners book walks a day ahead.",
      ]);

      const hits = (await search(tenantA, projectId, "walkers first aid kits licence", { limit: 50 })).filter(
        (hit) => hit.documentId === doc.documentId,
      );
      expect(hits.map((hit) => hit.text).sort()).toEqual([
        "Owners book walks a day ahead.",
        "Walkers must hold a municipal licence.",
      ]);
      expect(hits.every((hit) => hit.version === 2 && hit.versionId === versionId)).toBe(true);
    });

    it("indexing the same version twice stores each chunk once", async () => {
      const projectId = tenantA.projectIds[1];
      const texts = [
        "Idempotent indexing keeps one copy of a chunk.",
        "A second chunk about idempotent indexing.",
      ];
      const doc = await indexDocument(tenantA, projectId, "specs", texts);
      await replace(tenantA, projectId, doc, texts);
      const hits = (await search(tenantA, projectId, "idempotent indexing chunk", { limit: 50 })).filter(
        (hit) => hit.documentId === doc.documentId,
      );
      expect(hits).toHaveLength(2);
    });

    it("deleting a document removes its chunks and no others", async () => {
      const projectId = tenantA.projectIds[1];
      const gone = await indexDocument(tenantA, projectId, "adr", [
        "Decision: queue jobs with BullMQ on Redis.",
      ]);
      const kept = await indexDocument(tenantA, projectId, "adr", [
        "Decision: queue exports with BullMQ as well.",
      ]);
      await subject.withMemory(tenantA, (memory) =>
        subject.store.session(memory).deleteDocument(keyOf(tenantA, projectId), gone.documentId),
      );
      const documents = (await search(tenantA, projectId, "queue BullMQ Redis decision", { limit: 50 })).map(
        (hit) => hit.documentId,
      );
      expect(documents).not.toContain(gone.documentId);
      expect(documents).toContain(kept.documentId);
    });

    it("types narrows the search to those document kinds", async () => {
      const projectId = tenantA.projectIds[0];
      await indexDocument(tenantA, projectId, "plan-epic", [
        "Epic: payments with Stripe checkout for walks.",
      ]);
      await indexDocument(tenantA, projectId, "specs", [
        "Standard: payments code needs Stripe checkout tests.",
      ]);
      const hits = await search(tenantA, projectId, "Stripe checkout payments", { types: ["plan-epic"] });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((hit) => hit.type === "plan-epic")).toBe(true);
    });

    it("limit caps the hits", async () => {
      const projectId = tenantA.projectIds[0];
      await indexDocument(
        tenantA,
        projectId,
        "plan-overview",
        Array.from({ length: 8 }, (_, i) => `Milestone ${i}: deliver the walk booking flow, part ${i}.`),
      );
      expect(await search(tenantA, projectId, "milestone walk booking flow", { limit: 3 })).toHaveLength(3);
    });

    it("a search sees only its own project, never another project of the same tenant", async () => {
      const [first, second] = tenantA.projectIds;
      const elsewhere = await indexDocument(tenantA, second, "about", [
        "Zebra crossings near the kennel matter.",
      ]);
      const hits = await search(tenantA, first, "zebra crossings kennel", { limit: 50 });
      expect(hits.map((hit) => hit.documentId)).not.toContain(elsewhere.documentId);
      expect(hits.every((hit) => hit.text !== "Zebra crossings near the kennel matter.")).toBe(true);
    });

    it("tenant B's search never returns tenant A's chunks, even when it names A's project", async () => {
      const secret = await indexDocument(tenantA, tenantA.projectIds[0], "about", [
        "Tenant A's secret: the launch is in Lisbon.",
      ]);
      const hitsOnA = await search(tenantA, tenantA.projectIds[0], "secret launch Lisbon");
      expect(hitsOnA.map((hit) => hit.documentId)).toContain(secret.documentId);

      await indexDocument(tenantB, tenantB.projectIds[0], "about", ["Tenant B plans a launch in Porto."]);
      const vector = await queryVector("secret launch Lisbon");
      for (const projectId of [...tenantB.projectIds, ...tenantA.projectIds]) {
        const hits = await subject.withMemory(tenantB, (memory) =>
          subject.store
            .session(memory)
            .search({ tenantId: tenantB.tenantId, projectId }, vector, { limit: 50 }),
        );
        expect(hits.map((hit) => hit.documentId)).not.toContain(secret.documentId);
        expect(hits.every((hit) => !hit.text.includes("Lisbon"))).toBe(true);
      }
    });

    it("refuses a key that names another tenant than the transaction's", async () => {
      const vector = await queryVector("anything");
      await expect(
        subject.withMemory(tenantB, (memory) =>
          subject.store.session(memory).search(keyOf(tenantA), vector, { limit: 5 }),
        ),
      ).rejects.toThrow(/another tenant/);
      await expect(
        subject.withMemory(tenantB, (memory) =>
          subject.store.session(memory).deleteDocument(keyOf(tenantA), randomUUID()),
        ),
      ).rejects.toThrow(/another tenant/);
    });

    it("a project without memory has no hits", async () => {
      expect(await search(tenantB, tenantB.projectIds[1], "anything at all")).toEqual([]);
    });
  });
}
