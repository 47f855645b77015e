import type { StepEstimate } from "@jeex/contracts/estimate";

/** A `workflow.estimate` answer as the server gives it; tests override what they look at. */
export function anEstimate(overrides: Partial<StepEstimate> = {}): StepEstimate {
  return {
    step: "plan",
    provider: "openai-compatible",
    model: "gpt-4o-mini",
    inputTokens: 6_543,
    counting: { encoding: "o200k_base", exact: true, description: "o200k_base (gpt-tokenizer)" },
    outputTokens: { low: 2_500, expected: 5_000, high: 10_000, basis: "default", samples: 0 },
    billedTokens: { low: 9_043, expected: 11_543, high: 16_543 },
    costUsd: { low: 0.0025, expected: 0.004, high: 0.007 },
    priced: true,
    budget: {
      monthlyTokens: 2_000_000,
      spent: 12_000,
      reserved: 0,
      remaining: 1_988_000,
      runReservation: 150_000,
      fits: true,
      refusal: null,
    },
    notes: [],
    ...overrides,
  };
}
