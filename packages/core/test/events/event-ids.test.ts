import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { assertEventId, compareEventIds, createEventIdClock, isEventId } from "../../src/events/event-ids.ts";

describe("event ids", () => {
  it("compare as numbers, milliseconds first, then sequence", () => {
    expect(compareEventIds("1-0", "1-0")).toBe(0);
    expect(compareEventIds("1-1", "1-0")).toBeGreaterThan(0);
    expect(compareEventIds("2-0", "10-0")).toBeLessThan(0);
    expect(compareEventIds("1700000000000-9", "1700000000000-10")).toBeLessThan(0);
    expect(compareEventIds("1700000000001-0", "1700000000000-99")).toBeGreaterThan(0);
    expect(compareEventIds("18446744073709551615-1", "18446744073709551615-0")).toBeGreaterThan(0);
  });

  it("accept only the ms-seq format", () => {
    expect(isEventId("1700000000000-0")).toBe(true);
    expect(isEventId("1700000000000")).toBe(false);
    expect(isEventId("$")).toBe(false);
    expect(isEventId("1-0 + DEL x")).toBe(false);
  });

  it("accept only parts that fit Redis' 64 bits", () => {
    expect(isEventId("18446744073709551615-18446744073709551615")).toBe(true);
    expect(isEventId("00000000000000000001-0")).toBe(true);
    expect(isEventId("18446744073709551616-0")).toBe(false);
    expect(isEventId("1-18446744073709551616")).toBe(false);
    expect(isEventId("99999999999999999999-0")).toBe(false);
    expect(() => assertEventId("18446744073709551616-0", "lastEventId")).toThrow(InvalidInputError);
  });

  it("never go backwards, even when the clock does", () => {
    const times = [5, 5, 7, 3, 3, 8];
    const next = createEventIdClock(() => times.shift() ?? 9);
    expect(Array.from({ length: 6 }, next)).toEqual(["5-0", "5-1", "7-0", "7-1", "7-2", "8-0"]);
  });
});
