import { describe, expect, it } from "vitest";
import { bytesToVector, normalizeInPlace, vectorToBytes } from "../../src/memory/vector-math.ts";
import { topMatches } from "../../src/memory/vectors/exact-search.ts";
import { chunkPointId } from "../../src/memory/vectors/point-id.ts";
import { createVectorCache } from "../../src/memory/vectors/vector-cache.ts";

const candidate = (id: string, values: number[]) => ({
  id,
  vector: normalizeInPlace(Float32Array.from(values)),
});
const stored = (id: string, values: number[]) => ({
  id,
  embedding: vectorToBytes(Float32Array.from(values)),
});

describe("exact search over candidate vectors", () => {
  it("returns the best `limit` matches, best first", () => {
    const rows = [
      candidate("a", [1, 0, 0]),
      candidate("b", [0.9, 0.1, 0]),
      candidate("c", [0, 1, 0]),
      candidate("d", [-1, 0, 0]),
    ];
    const query = normalizeInPlace(Float32Array.from([1, 0.05, 0]));
    expect(topMatches(query, rows, 2).map((match) => match.id)).toEqual(["a", "b"]);
    expect(topMatches(query, rows, 10).map((match) => match.id)).toEqual(["a", "b", "c", "d"]);
  });

  it("skips vectors of another length (written by a previously configured embedder)", () => {
    const rows = [candidate("old", [1, 0]), candidate("new", [0, 0, 1])];
    expect(topMatches(Float32Array.from([0, 0, 1]), rows, 5).map((match) => match.id)).toEqual(["new"]);
  });

  it("reads vectors back from unaligned bytes", () => {
    const bytes = vectorToBytes(Float32Array.from([0.5, -2, 3.25]));
    const unaligned = new Uint8Array(bytes.length + 1).subarray(1);
    unaligned.set(bytes);
    expect(Array.from(bytesToVector(unaligned))).toEqual([0.5, -2, 3.25]);
  });
});

describe("the vector cache", () => {
  it("loads only vectors it does not hold, and forgets chunks a complete id list no longer has", async () => {
    const cache = createVectorCache();
    const loads: string[][] = [];
    const load = async (ids: string[]) => {
      loads.push(ids);
      return ids.map((id) => stored(id, [1, 2, 3]));
    };
    await cache.vectorsOf("t/p", ["a", "b"], true, load);
    const again = await cache.vectorsOf("t/p", ["a", "b", "c"], true, load);
    expect(loads).toEqual([["a", "b"], ["c"]]);
    expect(again.map((entry) => entry.id)).toEqual(["a", "b", "c"]);
    expect(cache.bytes).toBe(3 * 12);
    await cache.vectorsOf("t/p", ["c"], true, load);
    expect(cache.bytes).toBe(12);
    // A filtered list (types) is not the whole project: nothing is forgotten.
    await cache.vectorsOf("t/p", [], false, load);
    expect(cache.bytes).toBe(12);
  });

  it("evicts the least recently searched project beyond its byte budget", async () => {
    const cache = createVectorCache(30);
    const load = async (ids: string[]) => ids.map((id) => stored(id, [1, 2, 3]));
    await cache.vectorsOf("t/one", ["a", "b"], true, load);
    await cache.vectorsOf("t/two", ["c", "d"], true, load);
    expect(cache.bytes).toBe(24);
    const loads: string[][] = [];
    await cache.vectorsOf("t/one", ["a", "b"], true, async (ids) => {
      loads.push(ids);
      return load(ids);
    });
    expect(loads).toEqual([["a", "b"]]);
  });
});

describe("Qdrant point ids", () => {
  it("are deterministic version-5 UUIDs that differ by tenant, document and content", () => {
    const id = chunkPointId("t1", "d1", "h1");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(chunkPointId("t1", "d1", "h1")).toBe(id);
    expect(
      new Set([
        id,
        chunkPointId("t2", "d1", "h1"),
        chunkPointId("t1", "d2", "h1"),
        chunkPointId("t1", "d1", "h2"),
      ]).size,
    ).toBe(4);
  });
});
