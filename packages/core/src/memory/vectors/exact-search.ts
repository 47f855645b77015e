import { setImmediate as nextTurn } from "node:timers/promises";
import { dotAt } from "../vector-math.ts";
import { type PackedCandidates, pageOfSlot, rowOfSlot } from "./packed-vectors.ts";

export interface Scored {
  id: string;
  score: number;
}

/**
 * Candidates scored between two turns of the event loop (~2 ms at 384 dimensions, ~1 µs each).
 * A project holds up to ~27,700 chunks of prose (54 documents at the 500 KB maximum: ~28 ms in
 * one go) and, with a hostile document's one-line sections, ~80,000 a document.
 */
const CANDIDATES_PER_TURN = 2048;

/**
 * The `limit` candidates most similar to `query` (all unit length, so cosine = dot product),
 * best first, an earlier candidate first on a tie. Scored here rather than on the text-work
 * threads: the search runs inside its tenant transaction, which a wait for a busy thread would
 * hold open (on PGlite, every tenant's one connection). `signal` ends it between two slices.
 */
export async function topMatches(
  query: Float32Array,
  candidates: PackedCandidates,
  limit: number,
  signal?: AbortSignal,
): Promise<Scored[]> {
  if (limit < 1) return [];
  const { ids, slots, pages } = candidates;
  const dimension = query.length;
  // Kept sorted best-first; with limit ≤ 50 an insertion beats a heap, and most rows never enter.
  const best: Scored[] = [];
  for (let index = 0; index < slots.length; index++) {
    if (index > 0 && index % CANDIDATES_PER_TURN === 0) {
      await nextTurn();
      signal?.throwIfAborted();
    }
    const slot = slots[index] as number;
    const score = dotAt(query, pages[pageOfSlot(slot)] as Float32Array, rowOfSlot(slot) * dimension);
    if (best.length === limit) {
      if (score <= (best[limit - 1] as Scored).score) continue;
      best.pop();
    }
    let at = best.length;
    while (at > 0 && (best[at - 1] as Scored).score < score) at--;
    best.splice(at, 0, { id: ids[index] as string, score });
  }
  return best;
}
