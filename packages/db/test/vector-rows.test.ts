import { describe, expect, it } from "vitest";
import { decodeVectorRows } from "../src/repositories/vector-rows.ts";
import { countEventLoopTurns } from "../testing/event-loop-turns.ts";

const rowsOf = (count: number) =>
  Array.from({ length: count }, (_, index) => {
    const bytes = new Uint8Array(new Float32Array(384).fill(index).buffer);
    return { id: `chunk-${index}`, base64: Buffer.from(bytes).toString("base64") };
  });

describe("decoding stored vectors", () => {
  it("gives the event loop turns while it decodes a big project's vectors", async () => {
    const rows = rowsOf(10_000);
    const turns = countEventLoopTurns();
    const before = turns.now();
    await decodeVectorRows(rows);
    const during = turns.now() - before;
    turns.stop();
    expect(during).toBeGreaterThanOrEqual(3);
  });

  it("keeps every row's id and bytes, in order", async () => {
    const rows = rowsOf(5_000);
    const vectors = await decodeVectorRows(rows);
    expect(vectors.map((vector) => vector.id)).toEqual(rows.map((row) => row.id));
    const last = vectors.at(-1)?.embedding as Uint8Array;
    expect(
      Array.from(new Float32Array(last.buffer, last.byteOffset, 384)).every((value) => value === 4_999),
    ).toBe(true);
  });
});
