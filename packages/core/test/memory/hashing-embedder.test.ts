import { countEventLoopTurns } from "@jeex/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createHashingEmbedder } from "../../src/memory/embeddings/hashing.ts";
import { featureHash, wordsOf } from "../../src/memory/embeddings/text-features.ts";
import { dot } from "../../src/memory/vector-math.ts";
import { closeTextWork } from "../../src/text-work/pool.ts";

const norm = (vector: Float32Array) => Math.sqrt(dot(vector, vector));

describe("the hashing embedder", () => {
  const embedder = createHashingEmbedder();
  afterAll(closeTextWork);

  it("hashes a document's worth of chunks off the event loop, to the vectors it gives each alone", async () => {
    const paragraph = "Walkers share live GPS tracking of every dog walk with the owner. ";
    const chunks = Array.from({ length: 200 }, (_, i) => `Chunk ${i}. ${paragraph.repeat(30)}`);
    const turns = countEventLoopTurns();
    const vectors = await embedder.embed(chunks);
    turns.stop();
    // Hashed on the calling thread, the ~400 KB batch held the loop: it all happened in one turn.
    expect(turns.now()).toBeGreaterThan(10);
    const [alone] = await embedder.embed([chunks[7] as string]);
    expect(Array.from(vectors[7] as Float32Array)).toEqual(Array.from(alone as Float32Array));
  });

  it("ranks a chunk that shares the query's words above unrelated chunks", async () => {
    const chunks = [
      "Payments go through Stripe checkout; refunds are issued by the support team.",
      "Walkers share live GPS tracking of every dog walk with the owner.",
      "The design system uses an eight point grid and two typefaces.",
      "Nightly backups of Postgres are kept for thirty days.",
    ];
    const [query, ...vectors] = await embedder.embed(["live GPS tracking of dog walks", ...chunks]);
    const scores = vectors.map((vector) => dot(query as Float32Array, vector));
    const best = scores.indexOf(Math.max(...scores));
    expect(chunks[best]).toMatch(/GPS tracking/);
    for (const [i, score] of scores.entries())
      if (i !== best) expect(score).toBeLessThan((scores[best] as number) - 0.2);
  });

  it("is deterministic: the same text gives the same vector, in any instance, in any batch", async () => {
    const text = "Deterministic offline embeddings for project memory";
    const [a] = await embedder.embed([text]);
    const [, b] = await createHashingEmbedder().embed(["something else first", text]);
    expect(Array.from(b as Float32Array)).toEqual(Array.from(a as Float32Array));
  });

  it("returns unit vectors of the configured dimension (all zeros for text without words)", async () => {
    const [vector, other, empty] = await createHashingEmbedder(128).embed([
      "Row level security per tenant",
      "x",
      "  ... !!",
    ]);
    expect(vector).toHaveLength(128);
    expect(norm(vector as Float32Array)).toBeCloseTo(1, 5);
    expect(norm(other as Float32Array)).toBeCloseTo(1, 5);
    expect(Array.from(empty as Float32Array).every((value) => value === 0)).toBe(true);
  });

  it("folds case and diacritics and skips stop words", async () => {
    expect(wordsOf("The Café in São Paulo, and the NAÏVE résumé")).toEqual([
      "cafe",
      "sao",
      "paulo",
      "naive",
      "resume",
    ]);
    const [accented, plain] = await embedder.embed(["Café São Paulo", "cafe sao paulo"]);
    expect(Array.from(accented as Float32Array)).toEqual(Array.from(plain as Float32Array));
  });

  it("keeps its hash stable across releases: stored vectors depend on it", () => {
    // Changing these values changes every stored vector; it needs a re-index of all memory.
    expect([featureHash(""), featureHash("a"), featureHash("memory")]).toEqual(PINNED_HASHES);
  });
});

const PINNED_HASHES = [2872998923, 444641715, 2304008685];
