import type { MemoryRepository } from "@jeex/db/repositories";
import { countEventLoopTurns } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { DEFAULT_HASHING_DIMENSION } from "../../src/memory/embeddings/hashing.ts";
import { dot, normalizeInPlace, vectorToBytes } from "../../src/memory/vector-math.ts";
import { createEmbeddedVectorStore } from "../../src/memory/vectors/embedded.ts";
import { topMatches } from "../../src/memory/vectors/exact-search.ts";
import { createVectorCache } from "../../src/memory/vectors/vector-cache.ts";

const tenantId = "00000000-0000-4000-8000-000000000001";
const key = { tenantId, projectId: "00000000-0000-4000-8000-000000000002" };

// A deterministic generator, so a failure can be replayed.
function unitVectors(count: number, dimension: number, seed: number): Float32Array[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const vector = new Float32Array(dimension);
    for (let i = 0; i < dimension; i++) vector[i] = next();
    return normalizeInPlace(vector);
  });
}

/** The repository slice the embedded store's search reads, over rows held in memory. */
function memoryOf(ids: string[], vectors: Float32Array[], typeOf: (index: number) => string) {
  const rows = ids.map((id, i) => ({ id, embedding: vectorToBytes(vectors[i] as Float32Array) }));
  const reads = { projectVectors: 0, vectorsByIds: 0 };
  const memory = {
    tenantId,
    projectChunkIds: async (_projectId: string, types?: readonly string[]) =>
      types?.length ? ids.filter((_, i) => types.includes(typeOf(i))) : [...ids],
    projectVectors: async () => {
      reads.projectVectors += 1;
      return rows;
    },
    vectorsByIds: async (wanted: string[]) => {
      reads.vectorsByIds += 1;
      const set = new Set(wanted);
      return rows.filter((row) => set.has(row.id));
    },
    chunksByIds: async (wanted: string[]) =>
      wanted.map((id) => ({
        id,
        documentId: "d",
        versionId: "v",
        version: 1,
        path: `docs/${id}.md`,
        type: typeOf(ids.indexOf(id)),
        heading: "",
        content: id,
      })),
  };
  return { memory: memory as unknown as MemoryRepository, reads };
}

/** Every candidate scored in place and sorted best first (earlier candidate first on a tie). */
function scoredInPlace(query: Float32Array, ids: string[], vectors: Float32Array[], limit: number) {
  return ids
    .map((id, i) => ({ id, score: dot(query, vectors[i] as Float32Array), at: i }))
    .sort((a, b) => b.score - a.score || a.at - b.at)
    .slice(0, limit)
    .map(({ id, score }) => ({ id, score }));
}

describe("embedded vector search over a large project", () => {
  // Above what 54 documents of prose at the 500 KB maximum hold (~27,700 chunks); a single
  // hostile 500 KB document alone yields ~80,000.
  const count = 30_000;
  const dimension = DEFAULT_HASHING_DIMENSION;
  const ids = Array.from({ length: count }, (_, i) => `chunk-${i}`);
  const vectors = unitVectors(count, dimension, 7);
  const typeOf = (index: number) => (index % 3 === 0 ? "adr" : "about");
  const [query] = unitVectors(1, dimension, 99) as [Float32Array];
  // A tie: the earlier candidate must come first, as scoring in place puts it.
  vectors[3] = query;
  vectors[count - 1] = query;

  it("keeps the event loop turning while it scores, and finds what scoring in place finds", async () => {
    const { memory, reads } = memoryOf(ids, vectors, typeOf);
    const session = createEmbeddedVectorStore().session(memory);
    const expected = scoredInPlace(query, ids, vectors, 20);

    const turns = countEventLoopTurns();
    const cold = await session.search(key, query, { limit: 20 });
    turns.stop();
    // Decoded and scored in one go, the search held the loop: it all happened in one turn.
    expect(turns.now()).toBeGreaterThan(10);
    expect(reads.projectVectors).toBe(1);
    expect(cold.map((hit) => ({ id: hit.text, score: hit.score }))).toEqual(expected);

    const warmTurns = countEventLoopTurns();
    const warm = await session.search(key, query, { limit: 20 });
    warmTurns.stop();
    expect(warmTurns.now()).toBeGreaterThan(10);
    expect(reads).toEqual({ projectVectors: 1, vectorsByIds: 0 });
    expect(warm).toEqual(cold);
  });

  it("scores in slices: the loop turns during the scoring alone", async () => {
    const rows = ids.map((id, i) => ({ id, embedding: vectorToBytes(vectors[i] as Float32Array) }));
    const candidates = await createVectorCache().candidatesOf("t/p", ids, true, dimension, async () => rows);
    const turns = countEventLoopTurns();
    const best = await topMatches(query, candidates, 20);
    turns.stop();
    expect(turns.now()).toBeGreaterThan(10);
    expect(best).toEqual(scoredInPlace(query, ids, vectors, 20));
  });

  it("finds what scoring in place finds among the chunks of some types", async () => {
    const { memory } = memoryOf(ids, vectors, typeOf);
    const session = createEmbeddedVectorStore().session(memory);
    const adrs = ids.filter((_, i) => typeOf(i) === "adr");
    const expected = scoredInPlace(
      query,
      adrs,
      ids.flatMap((_, i) => (typeOf(i) === "adr" ? [vectors[i] as Float32Array] : [])),
      15,
    );
    const hits = await session.search(key, query, { limit: 15, types: ["adr"] });
    expect(hits.map((hit) => ({ id: hit.text, score: hit.score }))).toEqual(expected);
  });

  it("stops between two slices once its signal aborts (a cancelled request)", async () => {
    const { memory } = memoryOf(ids, vectors, typeOf);
    const cancel = new AbortController();
    const searching = createEmbeddedVectorStore()
      .session(memory, cancel.signal)
      .search(key, query, { limit: 5 });
    cancel.abort(new Error("request closed"));
    await expect(searching).rejects.toThrow("request closed");
  });
});
