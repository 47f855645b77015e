import { runTextWork } from "../../text-work/pool.ts";
import { hashingVectors } from "./hashing-vectors.ts";
import type { Embedder } from "./port.ts";

export const DEFAULT_HASHING_DIMENSION = 384;

/**
 * Up to this many characters a batch is hashed on the calling thread (about a millisecond: a
 * recall's query, say). Longer batches — a document's chunks, up to 500 KB — go to the text-work
 * threads: hashing them here held the event loop for every tenant ~150 ms a large document.
 */
const INLINE_CHARS = 4096;

/**
 * The offline default: signed feature hashing of words and word pairs into a fixed number of
 * buckets, L2-normalised. Deterministic across processes and machines (no model, no state), so
 * vectors written by one process are comparable with queries embedded by another.
 */
export function createHashingEmbedder(dimension = DEFAULT_HASHING_DIMENSION): Embedder {
  if (!Number.isInteger(dimension) || dimension < 2)
    throw new Error("hashing dimension must be an integer >= 2");
  return {
    name: "hashing",
    dimension,
    embed: async (texts, signal) => {
      const characters = texts.reduce((total, text) => total + text.length, 0);
      if (characters <= INLINE_CHARS) return hashingVectors(texts, dimension);
      return runTextWork("hashEmbeddings", { texts, dimension }, signal);
    },
  };
}
