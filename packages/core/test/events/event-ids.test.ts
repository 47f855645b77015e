import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { assertEventId, createEventIdClock } from "../../src/events/event-ids.ts";

describe("event ids on the server", () => {
  it("are refused as invalid input past Redis' 64 bits", () => {
    expect(() => assertEventId("18446744073709551615-0", "lastEventId")).not.toThrow();
    expect(() => assertEventId("18446744073709551616-0", "lastEventId")).toThrow(InvalidInputError);
  });

  it("never go backwards, even when the clock does", () => {
    const times = [5, 5, 7, 3, 3, 8];
    const next = createEventIdClock(() => times.shift() ?? 9);
    expect(Array.from({ length: 6 }, next)).toEqual(["5-0", "5-1", "7-0", "7-1", "7-2", "8-0"]);
  });
});
