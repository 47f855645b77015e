import { QdrantClient, type Schemas } from "@qdrant/js-client-rest";
import { LlmRequestError } from "../../llm/errors.ts";
import { createResilientCaller, type ResiliencePolicy } from "../../llm/resilience.ts";
import { checkedSession } from "./checked-session.ts";
import { chunkPointId } from "./point-id.ts";
import type { ChunkToStore, ProjectKey, VectorHit, VectorStore } from "./port.ts";
import { qdrantCall } from "./qdrant-calls.ts";

export interface QdrantStoreOptions extends ResiliencePolicy {
  /** e.g. `http://127.0.0.1:6333`. */
  url: string;
  apiKey?: string | undefined;
  collection: string;
  /** The embedder's dimension: the collection's vectors are sized from it. */
  dimension: number;
}

/** The payload every point carries; `tenant_id` and `project_id` are what every request filters on. */
export interface ChunkPayload {
  tenant_id: string;
  project_id: string;
  type: string;
  visibility: string;
  version: number;
  lang: string;
  tags: string[];
  path: string;
  document_id: string;
  version_id: string;
  heading: string;
  text: string;
  content_hash: string;
}

// Points per upsert request: well under Qdrant's default 32 MB request limit at 1,536 dimensions.
const UPSERT_BATCH = 256;

/** The two must-conditions no request goes without. */
const projectConditions = (key: ProjectKey): Schemas["FieldCondition"][] => [
  { key: "tenant_id", match: { value: key.tenantId } },
  { key: "project_id", match: { value: key.projectId } },
];

const toPayload = (key: ProjectKey, chunk: ChunkToStore): ChunkPayload => ({
  tenant_id: key.tenantId,
  project_id: key.projectId,
  type: chunk.type,
  visibility: chunk.visibility,
  version: chunk.version,
  lang: chunk.lang,
  tags: chunk.tags,
  path: chunk.path,
  document_id: chunk.documentId,
  version_id: chunk.versionId,
  heading: chunk.heading,
  text: chunk.text,
  content_hash: chunk.contentHash,
});

function toHit(point: Schemas["ScoredPoint"]): VectorHit[] {
  const payload = (point.payload ?? {}) as Partial<ChunkPayload>;
  if (typeof payload.document_id !== "string" || typeof payload.text !== "string") return [];
  return [
    {
      documentId: payload.document_id,
      versionId: String(payload.version_id ?? ""),
      version: Number(payload.version ?? 0),
      path: String(payload.path ?? ""),
      type: String(payload.type ?? ""),
      heading: String(payload.heading ?? ""),
      text: payload.text,
      score: point.score,
    },
  ];
}

/**
 * Qdrant, multitenant the way its documentation recommends: one collection, a `tenant_id`
 * keyword index with `is_tenant: true` (points of a tenant stored together), a `project_id`
 * index, and HNSW built per tenant (`m: 0, payload_m: 16`) rather than over the whole collection.
 */
export function createQdrantVectorStore(options: QdrantStoreOptions): VectorStore {
  const { collection, dimension } = options;
  const client = new QdrantClient({
    url: options.url,
    apiKey: options.apiKey,
    timeout: options.timeoutMs,
    // prepare() talks to the server itself; the client's own background probe would only print.
    checkCompatibility: false,
  });
  const caller = createResilientCaller(`Qdrant at ${new URL(options.url).origin}`, options);

  async function createCollectionIfMissing(): Promise<void> {
    const { exists } = await qdrantCall(caller, () => client.collectionExists(collection));
    if (exists) return checkVectorSize();
    try {
      await qdrantCall(caller, () =>
        client.createCollection(collection, {
          vectors: { size: dimension, distance: "Cosine" },
          hnsw_config: { m: 0, payload_m: 16 },
        }),
      );
    } catch (error) {
      // Another instance created it in the meantime.
      if (!(error instanceof LlmRequestError && error.status === 409)) throw error;
      await checkVectorSize();
    }
  }

  async function checkVectorSize(): Promise<void> {
    const info = await qdrantCall(caller, () => client.getCollection(collection));
    const vectors = info.config.params.vectors as { size?: unknown } | undefined;
    if (vectors?.size !== dimension) {
      throw new Error(
        `Qdrant collection ${collection} holds ${String(vectors?.size ?? "named")}-dimensional vectors, but the embedder ` +
          `makes ${dimension}: set QDRANT_COLLECTION to a new collection (and re-index) or use the matching embedder`,
      );
    }
  }

  return {
    kind: "qdrant",
    description: `vector store: Qdrant at ${new URL(options.url).origin}, collection ${collection}`,

    async prepare() {
      try {
        await createCollectionIfMissing();
        // Idempotent in Qdrant: an existing index with the same schema is left as is.
        await qdrantCall(caller, () =>
          client.createPayloadIndex(collection, {
            field_name: "tenant_id",
            field_schema: { type: "keyword", is_tenant: true },
            wait: true,
          }),
        );
        await qdrantCall(caller, () =>
          client.createPayloadIndex(collection, {
            field_name: "project_id",
            field_schema: { type: "keyword" },
            wait: true,
          }),
        );
      } catch (error) {
        throw new Error(
          `VECTOR_STORE=qdrant but Qdrant at ${options.url} cannot be used: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    },

    async ping() {
      // Straight to the server: a readiness probe must say "down" now, not after retries.
      const { exists } = await client.collectionExists(collection);
      if (!exists) throw new Error(`Qdrant collection ${collection} is missing`);
    },

    session: (memory, signal) =>
      checkedSession(
        memory,
        { "memory.store": "qdrant", "memory.collection": collection },
        {
          replaceDocument: async (key, documentId, chunks) => {
            const points = chunks.map((chunk) => ({
              id: chunkPointId(key.tenantId, documentId, chunk.contentHash),
              vector: Array.from(chunk.vector),
              payload: { ...toPayload(key, chunk) },
            }));
            // New points first, then everything else of the document: readers never see it empty.
            for (let start = 0; start < points.length; start += UPSERT_BATCH) {
              const batch = points.slice(start, start + UPSERT_BATCH);
              await qdrantCall(
                caller,
                () => client.upsert(collection, { wait: true, points: batch }),
                signal,
              );
            }
            const filter: Schemas["Filter"] = {
              must: [...projectConditions(key), { key: "document_id", match: { value: documentId } }],
              ...(points.length ? { must_not: [{ has_id: points.map((point) => point.id) }] } : {}),
            };
            await qdrantCall(caller, () => client.delete(collection, { wait: true, filter }), signal);
          },

          deleteDocument: async (key, documentId) => {
            const filter = {
              must: [...projectConditions(key), { key: "document_id", match: { value: documentId } }],
            };
            await qdrantCall(caller, () => client.delete(collection, { wait: true, filter }), signal);
          },

          search: async (key, vector, { limit, types }) => {
            const must: Schemas["Condition"][] = [...projectConditions(key)];
            if (types?.length) must.push({ key: "type", match: { any: [...types] } });
            const answer = await qdrantCall(
              caller,
              () =>
                client.query(collection, {
                  query: Array.from(vector),
                  filter: { must },
                  limit,
                  with_payload: true,
                }),
              signal,
            );
            return answer.points.flatMap(toHit);
          },
        },
      ),
  };
}
