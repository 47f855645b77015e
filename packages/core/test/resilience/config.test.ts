import { describe, expect, it } from "vitest";
import { llmProviderConfigSchema } from "../../src/llm/provider-config.ts";
import { embeddingsConfigSchema } from "../../src/memory/embeddings/config.ts";
import { vectorStoreConfigSchema } from "../../src/memory/vectors/config.ts";

const resilienceOf = (config: object) => {
  const { timeoutMs, retries, minRetryDelayMs, maxRetryDelayMs, maxRetryAfterMs, breaker } = config as Record<
    string,
    unknown
  >;
  return { timeoutMs, retries, minRetryDelayMs, maxRetryDelayMs, maxRetryAfterMs, breaker };
};

const llm = { provider: "openai-compatible", baseUrl: "http://127.0.0.1:11434/v1", defaultModel: "m" };
const embeddings = {
  provider: "openai-compatible",
  baseUrl: "http://127.0.0.1:11434/v1",
  model: "e",
  dimension: 8,
};
const qdrant = { kind: "qdrant", url: "http://127.0.0.1:6333" };

// Each endpoint's config, parsed from the least it accepts, with the defaults that differ by endpoint.
const endpoints = [
  {
    endpoint: "LLM provider",
    parse: () => llmProviderConfigSchema.parse(llm),
    timeoutMs: 120_000,
    retryDelayMs: { min: 500, max: 10_000 },
    breaker: { volumeThreshold: 5, resetTimeoutMs: 30_000 },
  },
  {
    endpoint: "embeddings",
    parse: () => embeddingsConfigSchema.parse(embeddings),
    timeoutMs: 30_000,
    retryDelayMs: { min: 500, max: 10_000 },
    breaker: { volumeThreshold: 5, resetTimeoutMs: 30_000 },
  },
  {
    endpoint: "vector store",
    parse: () => vectorStoreConfigSchema.parse(qdrant),
    timeoutMs: 10_000,
    retryDelayMs: { min: 250, max: 5_000 },
    breaker: { volumeThreshold: 10, resetTimeoutMs: 15_000 },
  },
];

describe("one resilience shape, each endpoint with its own defaults", () => {
  it.each(endpoints)(
    "keeps the defaults the $endpoint had",
    ({ parse, timeoutMs, retryDelayMs, breaker }) => {
      expect(resilienceOf(parse())).toEqual({
        timeoutMs,
        retries: 3,
        minRetryDelayMs: retryDelayMs.min,
        maxRetryDelayMs: retryDelayMs.max,
        maxRetryAfterMs: 30_000,
        breaker: { errorThresholdPercentage: 50, ...breaker },
      });
    },
  );

  it("fills the breaker fields left out and keeps those given", () => {
    const parsed = vectorStoreConfigSchema.parse({ ...qdrant, breaker: { volumeThreshold: 3 } });
    expect(resilienceOf(parsed).breaker).toEqual({
      errorThresholdPercentage: 50,
      volumeThreshold: 3,
      resetTimeoutMs: 15_000,
    });
  });

  it("refuses the same out-of-range values on all three", () => {
    for (const bad of [{ retries: 11 }, { timeoutMs: 0 }, { breaker: { errorThresholdPercentage: 0 } }]) {
      expect(llmProviderConfigSchema.safeParse({ ...llm, ...bad }).success).toBe(false);
      expect(embeddingsConfigSchema.safeParse({ ...embeddings, ...bad }).success).toBe(false);
      expect(vectorStoreConfigSchema.safeParse({ ...qdrant, ...bad }).success).toBe(false);
    }
    expect(llmProviderConfigSchema.safeParse({ ...llm, breaker: { halfOpenCalls: 1 } }).success).toBe(false);
  });
});
