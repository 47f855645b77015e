import { describe, expect, it } from "vitest";
import { compareEventIds, isAfterEventId, isEventId } from "../src/event-ids.ts";

describe("event ids", () => {
  it("compare as numbers, milliseconds first, then sequence", () => {
    expect(compareEventIds("1-0", "1-0")).toBe(0);
    expect(compareEventIds("1-1", "1-0")).toBeGreaterThan(0);
    expect(compareEventIds("1700000000000-9", "1700000000000-10")).toBeLessThan(0);
    expect(compareEventIds("1700000000001-0", "1700000000000-99")).toBeGreaterThan(0);
    expect(compareEventIds("18446744073709551615-1", "18446744073709551615-0")).toBeGreaterThan(0);
  });

  it("compare ids of different digit lengths by value, not as text", () => {
    expect(compareEventIds("2-0", "10-0")).toBeLessThan(0);
    expect(compareEventIds("9-0", "10-0")).toBeLessThan(0);
    expect(compareEventIds("5-99", "5-100")).toBeLessThan(0);
    expect(compareEventIds("007-1", "7-1")).toBe(0);
    expect(compareEventIds("999999999999-0", "1000000000000-0")).toBeLessThan(0);
  });

  it("stay exact beyond 2^53, where numbers lose precision", () => {
    expect(compareEventIds("9007199254740993-0", "9007199254740992-0")).toBeGreaterThan(0);
    expect(compareEventIds("1-9007199254740993", "1-9007199254740992")).toBeGreaterThan(0);
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
