import { describe, expect, it } from "vitest";
import { compareEventIds, isAfterEventId, isEventId } from "../src/event-ids.ts";

describe("event ids", () => {
  /** Each pair in order, the earlier id first. */
  it.each([
    ["milliseconds first", "1700000000000-99", "1700000000001-0"],
    ["then sequence", "1-0", "1-1"],
    ["sequence as a number", "1700000000000-9", "1700000000000-10"],
    ["at the largest milliseconds", "18446744073709551615-0", "18446744073709551615-1"],
    ["digit lengths by value, not as text", "2-0", "10-0"],
    ["digit lengths by value, not as text", "9-0", "10-0"],
    ["digit lengths by value, not as text", "5-99", "5-100"],
    ["digit lengths by value, not as text", "999999999999-0", "1000000000000-0"],
    ["exact beyond 2^53, where numbers lose precision", "9007199254740992-0", "9007199254740993-0"],
    ["exact beyond 2^53, where numbers lose precision", "1-9007199254740992", "1-9007199254740993"],
  ])("compare as numbers: %s (%s before %s)", (_, earlier, later) => {
    expect(compareEventIds(earlier, later)).toBeLessThan(0);
    expect(compareEventIds(later, earlier)).toBeGreaterThan(0);
  });

  it.each([
    ["1-0", "1-0"],
    ["007-1", "7-1"],
  ])("compare %s and %s as the same id", (a, b) => {
    expect(compareEventIds(a, b)).toBe(0);
    expect(compareEventIds(b, a)).toBe(0);
  });

  it("accept only the ms-seq format", () => {
    expect(isEventId("1700000000000-0")).toBe(true);
    expect(isEventId("1700000000000")).toBe(false);
    expect(isEventId("$")).toBe(false);
    expect(isEventId("-1-0")).toBe(false);
    expect(isEventId("1-0 + DEL x")).toBe(false);
  });

  it("accept only parts that fit Redis' 64 bits", () => {
    expect(isEventId("18446744073709551615-18446744073709551615")).toBe(true);
    expect(isEventId("00000000000000000001-0")).toBe(true);
    expect(isEventId("18446744073709551616-0")).toBe(false);
    expect(isEventId("1-18446744073709551616")).toBe(false);
    expect(isEventId("99999999999999999999-0")).toBe(false);
    expect(isEventId("100000000000000000000-0")).toBe(false);
  });

  it("tell a later id from a repeated or an older one", () => {
    expect(isAfterEventId("1700000000000-1", "1700000000000-0")).toBe(true);
    expect(isAfterEventId("1700000000000-0", "1700000000000-0")).toBe(false);
    expect(isAfterEventId("1700000000000-0", "1700000000000-1")).toBe(false);
    expect(isAfterEventId("10-0", "9-5")).toBe(true);
    expect(isAfterEventId("9-5", "10-0")).toBe(false);
    expect(isAfterEventId("18446744073709551615-1", "18446744073709551615-0")).toBe(true);
  });

  it("let through an id when there is no last one or either is not an event id", () => {
    expect(isAfterEventId("1-0", undefined)).toBe(true);
    expect(isAfterEventId("custom", "5-0")).toBe(true);
    expect(isAfterEventId("1-0", "custom")).toBe(true);
    expect(isAfterEventId("18446744073709551616-0", "5-0")).toBe(true);
  });
});
