/**
 * Chunk vectors packed row after row in pages: one allocation per page instead of one
 * ArrayBuffer per vector, which garbage collection made superlinear (filling the cache with
 * 400,000 vectors took 9.4 s that way, 2.5 s packed; a million, 43 s).
 */

// A slot is `page * MAX_PAGE_ROWS + row`: its page is the high bits, its row the low ones.
const PAGE_ROW_BITS = 12;
export const MAX_PAGE_ROWS = 1 << PAGE_ROW_BITS;
const ROW_MASK = MAX_PAGE_ROWS - 1;

export const slotAt = (page: number, row: number): number => page * MAX_PAGE_ROWS + row;
export const pageOfSlot = (slot: number): number => slot >>> PAGE_ROW_BITS;
export const rowOfSlot = (slot: number): number => slot & ROW_MASK;

/** One search's candidates, in the order the project's ids came: `ids[i]`'s vector is at `slots[i]`. */
export interface PackedCandidates {
  ids: string[];
  slots: Int32Array;
  pages: Float32Array[];
  dimension: number;
}
