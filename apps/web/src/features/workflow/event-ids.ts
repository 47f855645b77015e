const eventIdPattern = /^(\d+)-(\d+)$/;

/** Event ids are Redis stream ids, `<ms>-<seq>`: compared as numbers, never as strings. */
function partsOf(id: string): readonly [bigint, bigint] | undefined {
  const match = eventIdPattern.exec(id);
  return match ? [BigInt(match[1] ?? 0), BigInt(match[2] ?? 0)] : undefined;
}

/** True for an id after the last one seen (an id of another shape is let through). */
export function isAfterEventId(id: string, lastId: string | undefined): boolean {
  const next = partsOf(id);
  const last = lastId === undefined ? undefined : partsOf(lastId);
  if (!next || !last) return true;
  return next[0] > last[0] || (next[0] === last[0] && next[1] > last[1]);
}
