import { setImmediate as nextTurn } from "node:timers/promises";
import type { StoredVector } from "@jeex/db/repositories";
import { MAX_PAGE_ROWS, type PackedCandidates, slotAt } from "./packed-vectors.ts";

// 128 MiB ≈ 87,000 chunks at 384 dimensions.
export const DEFAULT_VECTOR_CACHE_BYTES = 128 * 1024 * 1024;

/**
 * Ids looked up or vectors copied between two turns of the event loop (a few milliseconds): a
 * project's ids come by the tens of thousands, and a hostile one's by the millions.
 */
const IDS_PER_TURN = 2048;
const MIN_PAGE_ROWS = 16;

// Slots that are no vector: a stored vector of another length than the query's (a previously
// configured embedder's, which the next re-index replaces), or an id not cached yet.
const OTHER_LENGTH = -1;
const NOT_CACHED = -2;

interface ProjectVectors {
  dimension: number;
  slotOf: Map<string, number>;
  /** Written once per slot and never again, so a search still reading a slot is never misled. */
  pages: Float32Array[];
  /** The same pages as bytes: stored vectors are copied in without a view per vector. */
  pageBytes: Uint8Array[];
  usedInLastPage: number;
  liveRows: number;
  /** Rows of chunks that are gone; past the live ones, the project is reloaded to give them back. */
  deadRows: number;
  bytes: number;
  /** Dropped from the cache while a search still fills it: its bytes no longer count. */
  dropped: boolean;
}

const emptyProject = (dimension: number): ProjectVectors => ({
  dimension,
  slotOf: new Map(),
  pages: [],
  pageBytes: [],
  usedInLastPage: 0,
  liveRows: 0,
  deadRows: 0,
  bytes: 0,
  dropped: false,
});

/**
 * Decoded chunk vectors by chunk id, grouped per project, least recently searched project evicted
 * first. Loading a project's vectors is the cost of exact search (bytea travels as hex text); ids
 * are cheap. Caching by id is always correct: chunk rows are only ever inserted and deleted, never
 * updated, so an id's vector never changes. It is never a way around RLS either: a search only
 * scores the ids its own tenant-scoped query returned. Work per id yields to the event loop every
 * `IDS_PER_TURN` ids.
 */
export function createVectorCache(maxBytes = DEFAULT_VECTOR_CACHE_BYTES) {
  const projects = new Map<string, ProjectVectors>();
  let totalBytes = 0;

  const drop = (key: string) => {
    const entry = projects.get(key);
    if (!entry) return;
    totalBytes -= entry.bytes;
    entry.dropped = true;
    projects.delete(key);
  };

  const append = (entry: ProjectVectors, embedding: Uint8Array, rowsToCome: number): number => {
    const { dimension, pages, pageBytes } = entry;
    const rowBytes = dimension * Float32Array.BYTES_PER_ELEMENT;
    let bytes = pageBytes.at(-1);
    if (!bytes || entry.usedInLastPage * rowBytes === bytes.length) {
      const page = new Float32Array(Math.min(MAX_PAGE_ROWS, Math.max(MIN_PAGE_ROWS, rowsToCome)) * dimension);
      bytes = new Uint8Array(page.buffer);
      pages.push(page);
      pageBytes.push(bytes);
      entry.usedInLastPage = 0;
      entry.bytes += page.byteLength;
      if (!entry.dropped) totalBytes += page.byteLength;
    }
    // The stored bytes are the Float32 values in platform order (vector-math.ts): copied as they are.
    const vector = embedding.byteLength === rowBytes ? embedding : embedding.subarray(0, rowBytes);
    bytes.set(vector, entry.usedInLastPage * rowBytes);
    entry.liveRows += 1;
    return slotAt(pages.length - 1, entry.usedInLastPage++);
  };

  const store = async (entry: ProjectVectors, rows: StoredVector[]) => {
    for (let i = 0; i < rows.length; i++) {
      if (i > 0 && i % IDS_PER_TURN === 0) await nextTurn();
      const row = rows[i] as StoredVector;
      if (entry.slotOf.has(row.id)) continue; // a concurrent search stored it first
      const length = row.embedding.byteLength >>> 2;
      const slot = length === entry.dimension ? append(entry, row.embedding, rows.length - i) : OTHER_LENGTH;
      entry.slotOf.set(row.id, slot);
    }
  };

  /** Forgets the vectors of chunks no longer among the project's `ids`. */
  const forgetGone = async (entry: ProjectVectors, ids: string[]) => {
    const current = new Set<string>();
    for (let i = 0; i < ids.length; i++) {
      if (i > 0 && i % IDS_PER_TURN === 0) await nextTurn();
      current.add(ids[i] as string);
    }
    let seen = 0;
    for (const [id, slot] of entry.slotOf) {
      if (++seen % IDS_PER_TURN === 0) await nextTurn();
      if (current.has(id)) continue;
      entry.slotOf.delete(id);
      if (slot < 0) continue;
      entry.liveRows -= 1;
      entry.deadRows += 1;
    }
  };

  return {
    /**
     * The packed vectors of `ids` of `dimension` entries, loading those not cached yet; ids whose
     * vector has another length, or that `load` no longer finds, are left out. `complete` says
     * `ids` are all the project's chunks (no type filter), so cached vectors of chunks that are
     * gone can be forgotten.
     */
    async candidatesOf(
      projectKey: string,
      ids: string[],
      complete: boolean,
      dimension: number,
      load: (missing: string[]) => Promise<StoredVector[]>,
    ): Promise<PackedCandidates> {
      let entry = projects.get(projectKey);
      if (entry?.dimension !== dimension) drop(projectKey);
      entry = projects.get(projectKey) ?? emptyProject(dimension);
      projects.delete(projectKey);
      projects.set(projectKey, entry); // most recently used last

      const slots = new Int32Array(ids.length);
      const missing: string[] = [];
      for (let i = 0; i < ids.length; i++) {
        if (i > 0 && i % IDS_PER_TURN === 0) await nextTurn();
        const slot = entry.slotOf.get(ids[i] as string);
        if (slot === undefined) missing.push(ids[i] as string);
        slots[i] = slot ?? NOT_CACHED;
      }
      if (missing.length > 0) {
        await store(entry, await load(missing));
        for (let i = 0; i < ids.length; i++) {
          if (i > 0 && i % IDS_PER_TURN === 0) await nextTurn();
          if (slots[i] === NOT_CACHED) slots[i] = entry.slotOf.get(ids[i] as string) ?? NOT_CACHED;
        }
      }
      if (complete && entry.slotOf.size > ids.length) {
        await forgetGone(entry, ids);
        if (entry.deadRows > entry.liveRows && !entry.dropped) drop(projectKey);
      }
      for (const key of projects.keys()) {
        if (totalBytes <= maxBytes || key === projectKey) break;
        drop(key);
      }
      return { ...(await comparableOnly(ids, slots)), pages: [...entry.pages], dimension };
    },

    /** Bytes held, for tests and metrics. */
    get bytes() {
      return totalBytes;
    },
  };
}

/** `ids` and `slots` without the ids that have no vector to compare. */
async function comparableOnly(
  ids: string[],
  slots: Int32Array,
): Promise<{ ids: string[]; slots: Int32Array }> {
  let comparable = 0;
  for (const slot of slots) if (slot >= 0) comparable++;
  if (comparable === ids.length) return { ids, slots };
  const keptIds: string[] = [];
  const keptSlots = new Int32Array(comparable);
  for (let i = 0; i < ids.length; i++) {
    if (i > 0 && i % IDS_PER_TURN === 0) await nextTurn();
    const slot = slots[i] as number;
    if (slot < 0) continue;
    keptSlots[keptIds.length] = slot;
    keptIds.push(ids[i] as string);
  }
  return { ids: keptIds, slots: keptSlots };
}

export type VectorCache = ReturnType<typeof createVectorCache>;
