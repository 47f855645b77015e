import { describe, expect, it } from "vitest";
import { bytesToVector, normalizeInPlace, vectorToBytes } from "../../src/memory/vector-math.ts";
import { topMatches } from "../../src/memory/vectors/exact-search.ts";
import { chunkPointId } from "../../src/memory/vectors/point-id.ts";
import { createVectorCache } from "../../src/memory/vectors/vector-cache.ts";

const stored = (id: string, values: number[]) => ({
  id,
  embedding: vectorToBytes(Float32Array.from(values)),
});
const unit = (id: string, values: number[]) => ({
  id,
  embedding: vectorToBytes(normalizeInPlace(Float32Array.from(values))),
});
const everything = async () => [];

/** Exact search as the embedded store runs it: the rows through the cache, then scored. */
async function search(
  rows: { id: string; embedding: Uint8Array }[],
  query: Float32Array,
  limit: number,
): Promise<string[]> {
  const candidates = await createVectorCache().candidatesOf(
    "t/p",
    rows.map((row) => row.id),
    true,
    query.length,
    async () => rows,
  );
  return (await topMatches(query, candidates, limit)).map((match) => match.id);
}
// One page of 16 rows of 3 dimensions: what the cache holds for a small project.
const smallPage = 16 * 3 * 4;

describe("exact search over candidate vectors", () => {
  it("returns the best `limit` matches, best first", async () => {
    const rows = [
      unit("a", [1, 0, 0]),
      unit("b", [0.9, 0.1, 0]),
      unit("c", [0, 1, 0]),
      unit("d", [-1, 0, 0]),
    ];
    const query = normalizeInPlace(Float32Array.from([1, 0.05, 0]));
    expect(await search(rows, query, 2)).toEqual(["a", "b"]);
    expect(await search(rows, query, 10)).toEqual(["a", "b", "c", "d"]);
  });

  it("skips vectors of another length (written by a previously configured embedder)", async () => {
    const rows = [unit("old", [1, 0]), unit("new", [0, 0, 1])];
    expect(await search(rows, Float32Array.from([0, 0, 1]), 5)).toEqual(["new"]);
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
    await cache.candidatesOf("t/p", ["a", "b"], true, 3, load);
    const again = await cache.candidatesOf("t/p", ["a", "b", "c"], true, 3, load);
    expect(loads).toEqual([["a", "b"], ["c"]]);
    expect(again.ids).toEqual(["a", "b", "c"]);
    expect(cache.bytes).toBe(smallPage);
    // Rows of gone chunks outnumber the live ones: the project is let go, to be reloaded whole.
    await cache.candidatesOf("t/p", ["c"], true, 3, load);
    expect(cache.bytes).toBe(0);
    await cache.candidatesOf("t/p", ["c"], true, 3, load);
    expect(loads.at(-1)).toEqual(["c"]);
    expect(cache.bytes).toBe(smallPage);
    // A filtered list (types) is not the whole project: nothing is forgotten.
    await cache.candidatesOf("t/p", [], false, 3, load);
    expect(cache.bytes).toBe(smallPage);
  });

  it("leaves out ids the load no longer finds and vectors of another length, without reloading them", async () => {
    const cache = createVectorCache();
    const loads: string[][] = [];
    const load = async (ids: string[]) => {
      loads.push(ids);
      return [stored("a", [1, 2, 3]), stored("old", [1, 2])];
    };
    const first = await cache.candidatesOf("t/p", ["a", "gone", "old"], false, 3, load);
    expect(first.ids).toEqual(["a"]);
    expect(first.slots.length).toBe(1);
    await cache.candidatesOf("t/p", ["a", "old"], false, 3, load);
    expect(loads).toEqual([["a", "gone", "old"]]);
  });

  it("evicts the least recently searched project beyond its byte budget", async () => {
    const cache = createVectorCache(smallPage + 1);
    const load = async (ids: string[]) => ids.map((id) => stored(id, [1, 2, 3]));
    await cache.candidatesOf("t/one", ["a", "b"], true, 3, load);
    await cache.candidatesOf("t/two", ["c", "d"], true, 3, load);
    expect(cache.bytes).toBe(smallPage);
    const loads: string[][] = [];
    await cache.candidatesOf("t/one", ["a", "b"], true, 3, async (ids) => {
      loads.push(ids);
      return load(ids);
    });
    expect(loads).toEqual([["a", "b"]]);
    expect(await cache.candidatesOf("t/one", [], false, 3, everything)).toMatchObject({ ids: [] });
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
