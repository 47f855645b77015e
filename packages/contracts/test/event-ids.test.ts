import { describe, expect, it } from "vitest";
import { compareEventIds, isAfterEventId, isEventId } from "../src/event-ids.ts";

describe("event ids", () => {
  // Each pair in order, the earlier id first: compared both ways, and only the later one is after.
  it.each([
    ["milliseconds first", "1700000000000-99", "1700000000001-0"],
    ["then sequence", "1700000000000-0", "1700000000000-1"],
    ["sequence as a number", "1700000000000-9", "1700000000000-10"],
    ["at the largest milliseconds", "18446744073709551615-0", "18446744073709551615-1"],
    ["digit lengths by value, not as text", "2-0", "10-0"],
    ["digit lengths by value, not as text", "9-5", "10-0"],
    ["digit lengths by value, not as text", "5-99", "5-100"],
    ["digit lengths by value, not as text", "999999999999-0", "1000000000000-0"],
    ["exact beyond 2^53, where numbers lose precision", "9007199254740992-0", "9007199254740993-0"],
    ["exact beyond 2^53, where numbers lose precision", "1-9007199254740992", "1-9007199254740993"],
  ])("order as numbers: %s (%s before %s)", (_, earlier, later) => {
    expect(compareEventIds(earlier, later)).toBeLessThan(0);
    expect(compareEventIds(later, earlier)).toBeGreaterThan(0);
    expect(isAfterEventId(later, earlier)).toBe(true);
    expect(isAfterEventId(earlier, later)).toBe(false);
  });

  it.each([
    ["1-0", "1-0"],
    ["007-1", "7-1"],
  ])("take %s and %s as the same id: neither is after the other", (a, b) => {
    expect(compareEventIds(a, b)).toBe(0);
    expect(compareEventIds(b, a)).toBe(0);
    expect(isAfterEventId(a, b)).toBe(false);
  });

  it.each([
    ["the ms-seq format", "1700000000000-0", true],
    ["both parts at Redis' 64-bit maximum", "18446744073709551615-18446744073709551615", true],
    ["leading zeros within 20 digits", "00000000000000000001-0", true],
    ["no sequence", "1700000000000", false],
    ["a special id", "$", false],
    ["a sign", "-1-0", false],
    ["trailing text", "1-0 + DEL x", false],
    ["milliseconds past 64 bits", "18446744073709551616-0", false],
    ["a sequence past 64 bits", "1-18446744073709551616", false],
    ["20 digits past 64 bits", "99999999999999999999-0", false],
    ["21 digits", "100000000000000000000-0", false],
  ])("%s: %s is an event id: %s", (_, id, valid) => {
    expect(isEventId(id)).toBe(valid);
  });

  it.each([
    ["there is no last one", "1-0", undefined],
    ["the id is not an event id", "custom", "5-0"],
    ["the last one is not an event id", "1-0", "custom"],
    ["the id is past 64 bits", "18446744073709551616-0", "5-0"],
  ])("let an id through when %s (%s after %s)", (_, id, lastId) => {
    expect(isAfterEventId(id, lastId)).toBe(true);
  });
});
