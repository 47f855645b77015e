import { describe, expect, it } from "vitest";
import { countOf } from "./plural.ts";

describe("a count with its noun", () => {
  it("one is singular; none and many are plural", () => {
    expect(countOf(1, "project")).toBe("1 project");
    expect(countOf(0, "project")).toBe("0 projects");
    expect(countOf(2, "project")).toBe("2 projects");
  });

  it("takes an irregular plural and groups thousands", () => {
    expect(countOf(1200, "entry", "entries")).toBe("1,200 entries");
  });
});
