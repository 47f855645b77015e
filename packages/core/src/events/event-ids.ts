import { InvalidInputError } from "../errors.ts";

const eventIdPattern = /^(\d{1,20})-(\d{1,20})$/;

/** Redis stream ids are two unsigned 64-bit numbers; a larger part makes XRANGE fail ("Invalid stream ID"). */
export const maxEventIdPart = "18446744073709551615";

/** True for ids in the Redis stream format `ms-seq`: both parts decimal and within 64 bits. */
export function isEventId(value: string): boolean {
  const parts = eventIdPattern.exec(value);
  if (!parts) return false;
  const [, ms = "", seq = ""] = parts;
  return compareDecimal(ms, maxEventIdPart) <= 0 && compareDecimal(seq, maxEventIdPart) <= 0;
}

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

/** Orders two `ms-seq` ids numerically (negative, zero, positive), without BigInt or float precision loss. */
export function compareEventIds(a: string, b: string): number {
  const [aMs = "", aSeq = ""] = a.split("-");
  const [bMs = "", bSeq = ""] = b.split("-");
  return compareDecimal(aMs, bMs) || compareDecimal(aSeq, bSeq);
}

function compareDecimal(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, "");
  const y = b.replace(/^0+(?=\d)/, "");
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
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
