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

describe("one resilience shape, each endpoint with its own defaults", () => {
  it("keeps the defaults each endpoint had", () => {
    expect(resilienceOf(llmProviderConfigSchema.parse(llm))).toEqual({
      timeoutMs: 120_000,
      retries: 3,
      minRetryDelayMs: 500,
      maxRetryDelayMs: 10_000,
      maxRetryAfterMs: 30_000,
      breaker: { errorThresholdPercentage: 50, volumeThreshold: 5, resetTimeoutMs: 30_000 },
    });
    expect(resilienceOf(embeddingsConfigSchema.parse(embeddings))).toEqual({
      timeoutMs: 30_000,
      retries: 3,
      minRetryDelayMs: 500,
      maxRetryDelayMs: 10_000,
      maxRetryAfterMs: 30_000,
      breaker: { errorThresholdPercentage: 50, volumeThreshold: 5, resetTimeoutMs: 30_000 },
    });
    expect(resilienceOf(vectorStoreConfigSchema.parse(qdrant))).toEqual({
      timeoutMs: 10_000,
      retries: 3,
      minRetryDelayMs: 250,
      maxRetryDelayMs: 5_000,
      maxRetryAfterMs: 30_000,
      breaker: { errorThresholdPercentage: 50, volumeThreshold: 10, resetTimeoutMs: 15_000 },
    });
  });

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
