import type { StoredVector } from "@jeex/db/repositories";
import { bytesToVector } from "../vector-math.ts";

export interface CandidateVector {
  id: string;
  vector: Float32Array;
}

// 128 MiB ≈ 87,000 chunks at 384 dimensions.
export const DEFAULT_VECTOR_CACHE_BYTES = 128 * 1024 * 1024;

/**
 * Decoded chunk vectors by chunk id, grouped per project, least recently searched project evicted
 * first. Loading a project's vectors is the cost of exact search (bytea travels as hex text); ids
 * are cheap. Caching by id is always correct: chunk rows are only ever inserted and deleted, never
 * updated, so an id's vector never changes. It is never a way around RLS either: a search only
 * scores the ids its own tenant-scoped query returned.
 */
export function createVectorCache(maxBytes = DEFAULT_VECTOR_CACHE_BYTES) {
  const projects = new Map<string, { vectors: Map<string, Float32Array>; bytes: number }>();
  let totalBytes = 0;

  const drop = (key: string) => {
    const entry = projects.get(key);
    if (!entry) return;
    totalBytes -= entry.bytes;
    projects.delete(key);
  };

  return {
    /**
     * The vectors of `ids`, loading those not cached yet. `complete` says `ids` are all the
     * project's chunks (no type filter), so cached vectors of chunks that are gone can be forgotten.
     */
    async vectorsOf(
      projectKey: string,
      ids: string[],
      complete: boolean,
      load: (missing: string[]) => Promise<StoredVector[]>,
    ): Promise<CandidateVector[]> {
      const entry = projects.get(projectKey) ?? { vectors: new Map<string, Float32Array>(), bytes: 0 };
      projects.delete(projectKey);
      projects.set(projectKey, entry); // most recently used last
      const missing = ids.filter((id) => !entry.vectors.has(id));
      if (missing.length > 0) {
        for (const row of await load(missing)) {
          if (entry.vectors.has(row.id)) continue;
          // A copy: a view would keep the driver's whole receive buffer alive.
          const vector = new Float32Array(bytesToVector(row.embedding));
          entry.vectors.set(row.id, vector);
          entry.bytes += vector.byteLength;
          totalBytes += vector.byteLength;
        }
      }
      if (complete && entry.vectors.size > ids.length) {
        const current = new Set(ids);
        for (const [id, vector] of entry.vectors) {
          if (current.has(id)) continue;
          entry.vectors.delete(id);
          entry.bytes -= vector.byteLength;
          totalBytes -= vector.byteLength;
        }
      }
      for (const key of projects.keys()) {
        if (totalBytes <= maxBytes || key === projectKey) break;
        drop(key);
      }
      return ids.flatMap((id) => {
        const vector = entry.vectors.get(id);
        return vector ? [{ id, vector }] : [];
      });
    },

    /** Bytes held, for tests and metrics. */
    get bytes() {
      return totalBytes;
    },
  };
}

export type VectorCache = ReturnType<typeof createVectorCache>;
