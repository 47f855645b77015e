import type { MemoryRepository, NewMemoryChunk } from "@jeex/db/repositories";
import { vectorToBytes } from "../vector-math.ts";
import { checkedSession } from "./checked-session.ts";
import { topMatches } from "./exact-search.ts";
import type { ChunkToStore, VectorHit, VectorStore } from "./port.ts";
import { createVectorCache, DEFAULT_VECTOR_CACHE_BYTES } from "./vector-cache.ts";

const toRow = (chunk: ChunkToStore): NewMemoryChunk => ({
  documentId: chunk.documentId,
  versionId: chunk.versionId,
  version: chunk.version,
  path: chunk.path,
  type: chunk.type,
  visibility: chunk.visibility,
  lang: chunk.lang,
  tags: chunk.tags,
  heading: chunk.heading,
  content: chunk.text,
  contentHash: chunk.contentHash,
  embedding: vectorToBytes(chunk.vector),
});

export interface EmbeddedStoreOptions {
  /** Decoded vectors kept in this process between searches (see vector-cache.ts). */
  cacheBytes?: number;
}

/**
 * The embedded default: chunks and their vectors in `memory_chunks`, read and written inside the
 * tenant transaction (so RLS applies below this code), searched exactly — the ids of the project's
 * chunks read under RLS, every one of their vectors scored in process (decoded vectors cached by
 * chunk id; both a few thousand at a time, the event loop turning in between), then only the
 * winners' text loaded.
 */
export function createEmbeddedVectorStore(options: EmbeddedStoreOptions = {}): VectorStore {
  const cache = createVectorCache(options.cacheBytes ?? DEFAULT_VECTOR_CACHE_BYTES);
  return {
    kind: "embedded",
    description:
      "vector store: embedded default (memory_chunks in the database, exact cosine search, under RLS)",
    prepare: async () => {},
    session: (memory: MemoryRepository, signal?: AbortSignal) =>
      checkedSession(
        memory,
        { "memory.store": "embedded" },
        {
          replaceDocument: async (key, documentId, chunks) => {
            await memory.replaceDocumentChunks(key.projectId, documentId, chunks.map(toRow));
          },

          deleteDocument: async (_key, documentId) => {
            await memory.deleteDocumentChunks(documentId);
          },

          search: async (key, vector, { limit, types }, span) => {
            const ids = await memory.projectChunkIds(key.projectId, types);
            span.setAttribute("memory.candidates", ids.length);
            const projectKey = `${key.tenantId}/${key.projectId}`;
            const complete = !types?.length;
            const candidates = await cache.candidatesOf(
              projectKey,
              ids,
              complete,
              vector.length,
              (missing) =>
                // Nothing cached yet: the whole project in one query beats thousands of ids as parameters.
                complete && missing.length === ids.length
                  ? memory.projectVectors(key.projectId)
                  : memory.vectorsByIds(missing),
            );
            const best = await topMatches(vector, candidates, limit, signal);
            const rows = new Map(
              (await memory.chunksByIds(best.map((match) => match.id))).map((row) => [row.id, row]),
            );
            return best.flatMap(({ id, score }): VectorHit[] => {
              const row = rows.get(id);
              if (!row) return []; // replaced between the two reads: the next search sees the new chunks
              const { documentId, versionId, version, path, type, heading, content } = row;
              return [{ documentId, versionId, version, path, type, heading, text: content, score }];
            });
          },
        },
      ),
  };
}
