import type { MemoryRepository } from "@jeex/db/repositories";
import type { Span } from "@opentelemetry/api";
import { traceMemory } from "../tracing.ts";
import {
  assertKeyInTenant,
  type ProjectKey,
  type VectorHit,
  type VectorSearchOptions,
  type VectorSession,
} from "./port.ts";

/** A store's own work for a session; `search` may add attributes to its span. */
export interface StoreSessionWork extends Omit<VectorSession, "search"> {
  search(
    key: ProjectKey,
    vector: Float32Array,
    options: VectorSearchOptions,
    span: Span,
  ): Promise<VectorHit[]>;
}

/**
 * What every store's session does around its own work: one span per call, named for the
 * operation and carrying the store's attributes and the key, and the tenant check before anything
 * is read or written.
 */
export function checkedSession(
  memory: Pick<MemoryRepository, "tenantId">,
  storeAttributes: Record<string, string>,
  work: StoreSessionWork,
): VectorSession {
  const attributes = (key: ProjectKey) => ({
    ...storeAttributes,
    "jeex.tenant_id": key.tenantId,
    "jeex.project_id": key.projectId,
  });
  return {
    replaceDocument: (key, documentId, chunks) =>
      traceMemory(
        "memory.vectors.replace",
        { ...attributes(key), "memory.chunks": chunks.length },
        async () => {
          assertKeyInTenant(memory, key);
          await work.replaceDocument(key, documentId, chunks);
        },
      ),

    deleteDocument: (key, documentId) =>
      traceMemory("memory.vectors.delete", attributes(key), async () => {
        assertKeyInTenant(memory, key);
        await work.deleteDocument(key, documentId);
      }),

    search: (key, vector, options) =>
      traceMemory(
        "memory.vectors.search",
        { ...attributes(key), "memory.limit": options.limit },
        async (span) => {
          assertKeyInTenant(memory, key);
          return work.search(key, vector, options, span);
        },
      ),
  };
}
