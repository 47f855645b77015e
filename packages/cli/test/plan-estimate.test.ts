import type { StepEstimate } from "@jeex/contracts/estimate";
import { describe, expect, it } from "vitest";
import { describeEstimate } from "../src/plan/estimate.ts";

const estimate = (overrides: Partial<StepEstimate> = {}): StepEstimate => ({
  step: "architecture",
  provider: "openai-compatible",
  model: "gpt-4o-mini",
  inputTokens: 4_321,
  counting: { encoding: "o200k_base", exact: true, description: "o200k_base (gpt-tokenizer)" },
  outputTokens: { low: 2_000, expected: 3_000, high: 5_500, basis: "project", samples: 3 },
  billedTokens: { low: 6_321, expected: 7_321, high: 9_821 },
  costUsd: { low: 0.0018, expected: 0.0025, high: 0.004 },
  priced: true,
  budget: {
    monthlyTokens: 2_000_000,
    spent: 10_000,
    reserved: 0,
    remaining: 1_990_000,
    runReservation: 150_000,
    fits: true,
    refusal: null,
  },
  notes: [],
  ...overrides,
});

describe("the estimate line jeex plan prints before a step", () => {
  it("names the tokens, how they were counted, the output range's basis, the cost and the budget left", () => {
    expect(describeEstimate(estimate())).toBe(
      "architecture: 4,321 input tokens (o200k_base, exact) + 2,000–5,500 output (project history of 3); $0.0018–$0.0040; budget left 1,990,000 of 2,000,000",
    );
  });

  it("says when a model has no price, and when the template provider charges nothing", () => {
    expect(
      describeEstimate(estimate({ priced: false, costUsd: { low: 0, expected: 0, high: 0 } })),
    ).toContain("no price configured for gpt-4o-mini");
    const template = describeEstimate(
      estimate({
        provider: "template",
        model: "template-v1",
        counting: { encoding: "o200k_base", exact: false, description: "approximate" },
        outputTokens: { low: 800, expected: 1_500, high: 3_000, basis: "default", samples: 0 },
      }),
    );
    expect(template).toContain("(o200k_base, approximate) + 800–3,000 output (default)");
    expect(template).toContain("template provider: no model call, no charge");
  });
});
