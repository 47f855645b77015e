import { dot } from "../vector-math.ts";
import type { CandidateVector } from "./vector-cache.ts";

export interface Scored {
  id: string;
  score: number;
}

/**
 * The `limit` candidates most similar to `query` (all unit length, so cosine = dot product),
 * best first. Vectors of another length — written by a previously configured embedder — are
 * skipped: they cannot be compared, and the next re-index replaces them.
 */
export function topMatches(
  query: Float32Array,
  candidates: Iterable<CandidateVector>,
  limit: number,
): Scored[] {
  if (limit < 1) return [];
  // Kept sorted best-first; with limit ≤ 50 an insertion beats a heap, and most rows never enter.
  const best: Scored[] = [];
  for (const { id, vector } of candidates) {
    if (vector.length !== query.length) continue;
    const score = dot(query, vector);
    if (best.length === limit) {
      if (score <= (best[limit - 1] as Scored).score) continue;
      best.pop();
    }
    let at = best.length;
    while (at > 0 && (best[at - 1] as Scored).score < score) at--;
    best.splice(at, 0, { id, score });
  }
  return best;
}
