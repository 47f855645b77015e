import { describe, expect, it } from "vitest";
import { defaultOutputTokens, outputRangeOf } from "../../src/workflow/output-range.ts";

describe("the expected output range of a step", () => {
  it("is the smallest, median and largest of the project's runs", () => {
    expect(outputRangeOf("plan", { project: [4_000, 1_000, 3_000], tenant: [9_999] })).toEqual({
      low: 1_000,
      expected: 3_000,
      high: 4_000,
      basis: "project",
      samples: 3,
    });
  });

  it("takes the middle two's mean for an even number of runs", () => {
    expect(outputRangeOf("about", { project: [1_000, 2_001, 900, 5_000], tenant: [] })).toMatchObject({
      low: 900,
      expected: 1_501,
      high: 5_000,
      samples: 4,
    });
  });

  it("falls back to the tenant's runs of the step when the project has none", () => {
    expect(outputRangeOf("specs", { project: [], tenant: [2_500] })).toEqual({
      low: 2_500,
      expected: 2_500,
      high: 2_500,
      basis: "tenant",
      samples: 1,
    });
  });

  it("uses the step's documented default before any run", () => {
    expect(outputRangeOf("architecture", { project: [], tenant: [] })).toEqual({
      ...defaultOutputTokens.architecture,
      basis: "default",
      samples: 0,
    });
    for (const range of Object.values(defaultOutputTokens)) {
      expect(range.low).toBeLessThanOrEqual(range.expected);
      expect(range.expected).toBeLessThanOrEqual(range.high);
    }
  });
});
