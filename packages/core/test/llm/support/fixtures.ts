import { z } from "zod";
import type { OpenAiCompatibleOptions } from "../../../src/llm/openai-compatible.ts";
import type { StructuredRequest } from "../../../src/llm/port.ts";

export const ideaSummarySchema = z.strictObject({
  title: z.string().min(3),
  goals: z
    .array(z.strictObject({ name: z.string().min(1), priority: z.number().int().min(1).max(5) }))
    .min(1),
});
export type IdeaSummary = z.infer<typeof ideaSummarySchema>;

export const validSummary: IdeaSummary = {
  title: "Recipe planner",
  goals: [{ name: "plan meals", priority: 1 }],
};

export const apiKey = "sk-test-secret-123456";

export function summaryRequest(
  overrides: Partial<StructuredRequest<IdeaSummary>> = {},
): StructuredRequest<IdeaSummary> {
  return {
    step: "about",
    system: "You are a business analyst.",
    prompt: "Idea: plan weekly meals from what is in the fridge.",
    schema: ideaSummarySchema,
    schemaName: "idea_summary",
    input: {
      project: { name: "Recipes", description: "", language: "en" },
      idea: { idea: "Plan weekly meals from what is in the fridge, so less food goes to waste." },
      documents: [],
      previous: [],
      memory: [],
    },
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** Tiny delays so retries and the breaker can be exercised in well under a second. */
export function providerOptions(
  baseUrl: string,
  overrides: Partial<OpenAiCompatibleOptions> = {},
): OpenAiCompatibleOptions {
  return {
    baseUrl,
    apiKey,
    models: { default: "small-model", perStep: { architecture: "big-model" } },
    prices: {
      "small-model": { inputPerMillion: 1, outputPerMillion: 4 },
      "big-model": { inputPerMillion: 10, outputPerMillion: 30 },
    },
    timeoutMs: 5_000,
    retries: 2,
    minRetryDelayMs: 10,
    maxRetryDelayMs: 50,
    maxRetryAfterMs: 5_000,
    breaker: { errorThresholdPercentage: 50, volumeThreshold: 1, resetTimeoutMs: 1_000 },
    ...overrides,
  };
}

export async function rejection(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}
