import { normalizeInPlace } from "../vector-math.ts";
import type { Embedder } from "./port.ts";
import { featureHash, wordsOf } from "./text-features.ts";

export const DEFAULT_HASHING_DIMENSION = 384;

// Pairs carry phrase information ("circuit breaker" is not "breaker" + "circuit"), but single words
// should still dominate the match.
const WORD_WEIGHT = 1;
const PAIR_WEIGHT = 0.5;

/**
 * The offline default: signed feature hashing of words and word pairs into a fixed number of
 * buckets, L2-normalised. Deterministic across processes and machines (no model, no state), so
 * vectors written by one process are comparable with queries embedded by another.
 */
export function createHashingEmbedder(dimension = DEFAULT_HASHING_DIMENSION): Embedder {
  if (!Number.isInteger(dimension) || dimension < 2)
    throw new Error("hashing dimension must be an integer >= 2");

  const add = (vector: Float32Array, feature: string, weight: number) => {
    const hash = featureHash(feature);
    // The lowest bit picks the sign and the rest the bucket, so the two are independent.
    const bucket = (hash >>> 1) % dimension;
    vector[bucket] = (vector[bucket] as number) + (hash & 1 ? -weight : weight);
  };

  const embedOne = (text: string): Float32Array => {
    const vector = new Float32Array(dimension);
    const words = wordsOf(text);
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      add(vector, word, WORD_WEIGHT);
      if (i > 0) add(vector, `${words[i - 1]} ${word}`, PAIR_WEIGHT);
    }
    return normalizeInPlace(vector);
  };

  return {
    name: "hashing",
    dimension,
    embed: async (texts) => texts.map(embedOne),
  };
}
