import { isEventId } from "@jeex/contracts/event-ids";
import { InvalidInputError } from "../errors.ts";

// Parsing and ordering live in the contracts, shared with the CLI.
export { compareEventIds, isEventId, maxEventIdPart } from "@jeex/contracts/event-ids";

/** Rejects ids a client made up: they would otherwise reach Redis and fail as a 500. */
export function assertEventId(value: string, path: string): void {
  if (!isEventId(value)) {
    throw new InvalidInputError([
      {
        path,
        message: "not an event id (expected ms-seq, each part at most 2^64 - 1)",
        code: "invalid_format",
      },
    ]);
  }
}

/**
 * Issues ids like Redis does for `XADD *`: the wall clock in ms, plus a sequence within the same ms.
 * If the clock steps back, it keeps the last ms and counts on, so ids never decrease.
 */
export function createEventIdClock(now: () => number = Date.now): () => string {
  let lastMs = 0;
  let seq = 0;
  return () => {
    const ms = now();
    if (ms > lastMs) {
      lastMs = ms;
      seq = 0;
    } else {
      seq += 1;
    }
    return `${lastMs}-${seq}`;
  };
}
