// Event ids are Redis stream ids, `<ms>-<seq>`: two unsigned 64-bit decimals, ordered as numbers
// (milliseconds first, then the sequence within that millisecond). The server and the CLI
// compare them with this one module; strings only, so it runs in a browser as well.

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

/** Orders two `ms-seq` ids numerically (negative, zero, positive), without BigInt or float precision loss. */
export function compareEventIds(a: string, b: string): number {
  const [aMs = "", aSeq = ""] = a.split("-");
  const [bMs = "", bSeq = ""] = b.split("-");
  return compareDecimal(aMs, bMs) || compareDecimal(aSeq, bSeq);
}

/** True for an id after the last one seen; with no last id, or either not an event id, it is let through. */
export function isAfterEventId(id: string, lastId: string | undefined): boolean {
  if (lastId === undefined || !isEventId(id) || !isEventId(lastId)) return true;
  return compareEventIds(id, lastId) > 0;
}

function compareDecimal(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, "");
  const y = b.replace(/^0+(?=\d)/, "");
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}
