import { randomUUID } from "node:crypto";
import { createHashingEmbedder, createQdrantVectorStore, type QdrantStoreOptions } from "@jeex/core/memory";
import type { MemoryRepository } from "@jeex/db/repositories";
import { quickResilience } from "@jeex/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type QdrantDouble, requiredPayloadFields, startQdrantDouble } from "./support/qdrant-double.ts";
import { describeVectorStoreBehaviour, type TenantWorld } from "./support/vector-store-behaviour.ts";

const world = (): TenantWorld => ({
  tenantId: randomUUID(),
  userId: randomUUID(),
  projectIds: [randomUUID(), randomUUID()],
});

/** Qdrant never touches memory_chunks: only the tenant of the transaction is read. */
function memoryOf(tenant: TenantWorld): MemoryRepository {
  const untouchable = () => {
    throw new Error("the Qdrant store must not touch memory_chunks");
  };
  return {
    tenantId: tenant.tenantId,
    replaceDocumentChunks: untouchable,
    deleteDocumentChunks: untouchable,
    projectChunkIds: untouchable,
    projectVectors: untouchable,
    vectorsByIds: untouchable,
    chunksByIds: untouchable,
    documentsOfStep: untouchable,
    indexTarget: untouchable,
  };
}

const options = (url: string, overrides: Partial<QdrantStoreOptions> = {}): QdrantStoreOptions => ({
  url,
  collection: "jeex_memory_test",
  dimension: 384,
  ...quickResilience,
  ...overrides,
});

describe("the Qdrant adapter against the REST double", () => {
  let double: QdrantDouble;
  beforeAll(async () => {
    double = await startQdrantDouble();
  });
  afterAll(async () => {
    await double.close();
  });

  describeVectorStoreBehaviour("qdrant (REST double)", async () => ({
    store: createQdrantVectorStore(options(double.url)),
    tenants: [world(), world()],
    newDocument: async () => ({ documentId: randomUUID(), versionId: randomUUID() }),
    newVersion: async () => randomUUID(),
    withMemory: (tenant, work) => work(memoryOf(tenant)),
    close: async () => {},
  }));

  describe("request shapes", () => {
    afterEach(() => {
      // The double answered 400 to anything out of shape; none may have happened.
      expect(double.violations).toEqual([]);
    });

    it("every points request carried must-conditions on both tenant_id and project_id", () => {
      const points = double.pointRequests();
      expect(points.length).toBeGreaterThan(10);
      for (const request of points.filter((r) => r.path.endsWith("/query") || r.path.endsWith("/delete"))) {
        const keys = (request.body.filter.must as { key?: string }[]).map((condition) => condition.key);
        expect(keys).toEqual(expect.arrayContaining(["tenant_id", "project_id"]));
      }
    });

    it("every upserted point carries the complete payload and a deterministic UUID", () => {
      const upserts = double.pointRequests().filter((r) => r.method === "PUT");
      expect(upserts.length).toBeGreaterThan(0);
      for (const request of upserts) {
        expect(request.query.get("wait")).toBe("true");
        for (const point of request.body.points) {
          expect(Object.keys(point.payload).sort()).toEqual([...requiredPayloadFields].sort());
          expect(point.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        }
      }
    });

    it("the collection was created with cosine vectors sized by the embedder, m 0 / payload_m 16, and tenant indexes", () => {
      const create = double.requests.find(
        (r) => r.method === "PUT" && r.path === "/collections/jeex_memory_test",
      );
      expect(create?.body).toMatchObject({
        vectors: { size: 384, distance: "Cosine" },
        hnsw_config: { m: 0, payload_m: 16 },
      });
      const indexes = double.requests.filter((r) => r.path.endsWith("/index")).map((r) => r.body);
      expect(indexes).toEqual(
        expect.arrayContaining([
          { field_name: "tenant_id", field_schema: { type: "keyword", is_tenant: true } },
          { field_name: "project_id", field_schema: { type: "keyword" } },
        ]),
      );
    });
  });

  describe("start-up and faults", () => {
    it("start-up keeps an existing collection of the right size and creates nothing", async () => {
      const before = double.requests.filter(
        (r) => r.method === "PUT" && r.path === "/collections/jeex_memory_test",
      ).length;
      await createQdrantVectorStore(options(double.url)).prepare();
      const after = double.requests.filter(
        (r) => r.method === "PUT" && r.path === "/collections/jeex_memory_test",
      ).length;
      expect(after).toBe(before);
    });

    it("start-up refuses a collection whose vectors have another size", async () => {
      await expect(
        createQdrantVectorStore(options(double.url, { dimension: 1536 })).prepare(),
      ).rejects.toThrow(/holds 384-dimensional vectors, but the embedder makes 1536/);
    });

    it("a configured Qdrant that does not answer is a start-up error, not a fallback", async () => {
      const unreachable = createQdrantVectorStore(options("http://127.0.0.1:9", { retries: 1 }));
      await expect(unreachable.prepare()).rejects.toThrow(
        /VECTOR_STORE=qdrant but Qdrant at http:\/\/127\.0\.0\.1:9 cannot be used/,
      );
    });

    it("a 503 from Qdrant is retried; a 400 is not", async () => {
      const store = createQdrantVectorStore(options(double.url));
      const tenant = world();
      const key = { tenantId: tenant.tenantId, projectId: tenant.projectIds[0] };
      const [vector] = await createHashingEmbedder().embed(["retry me"]);
      double.failNext(503);
      const before = double.pointRequests().length;
      await expect(
        store.session(memoryOf(tenant)).search(key, vector as Float32Array, { limit: 3 }),
      ).resolves.toEqual([]);
      expect(double.pointRequests().length - before).toBe(2);

      double.failNext(400);
      const beforeRejected = double.pointRequests().length;
      await expect(
        store.session(memoryOf(tenant)).search(key, vector as Float32Array, { limit: 3 }),
      ).rejects.toThrow(/HTTP 400/);
      expect(double.pointRequests().length - beforeRejected).toBe(1);
    });
  });
});
