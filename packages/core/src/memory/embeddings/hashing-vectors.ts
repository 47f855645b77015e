import { normalizeInPlace } from "../vector-math.ts";
import { featureHash, wordsOf } from "./text-features.ts";

// Pairs carry phrase information ("circuit breaker" is not "breaker" + "circuit"), but single words
// should still dominate the match.
const WORD_WEIGHT = 1;
const PAIR_WEIGHT = 0.5;

/**
 * Signed feature hashing of words and word pairs into `dimension` buckets, L2-normalised: the
 * hashing embedder's arithmetic, plain data in and out so a text-work thread can run it too.
 */
export function hashingVectors(texts: string[], dimension: number): Float32Array[] {
  const add = (vector: Float32Array, feature: string, weight: number) => {
    const hash = featureHash(feature);
    // The lowest bit picks the sign and the rest the bucket, so the two are independent.
    const bucket = (hash >>> 1) % dimension;
    vector[bucket] = (vector[bucket] as number) + (hash & 1 ? -weight : weight);
  };
  return texts.map((text) => {
    const vector = new Float32Array(dimension);
    const words = wordsOf(text);
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      add(vector, word, WORD_WEIGHT);
      if (i > 0) add(vector, `${words[i - 1]} ${word}`, PAIR_WEIGHT);
    }
    return normalizeInPlace(vector);
  });
}
