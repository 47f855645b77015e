import { describe, expect, it } from "vitest";
import {
  createLlmProvider,
  describeLlmProvider,
  llmProviderConfigSchema,
} from "../../src/llm/provider-config.ts";

describe("LLM provider configuration", () => {
  it("chooses the template provider explicitly", () => {
    const config = llmProviderConfigSchema.parse({ provider: "template" });
    expect(createLlmProvider(config).name).toBe("template");
    expect(describeLlmProvider(config)).toContain("template");
  });

  it("fills resilience defaults for an openai-compatible endpoint", () => {
    const config = llmProviderConfigSchema.parse({
      provider: "openai-compatible",
      baseUrl: "http://localhost:11434/v1",
      defaultModel: "llama3.1",
      stepModels: { architecture: "qwen2.5:32b" },
      prices: { "llama3.1": { inputPerMillion: 0, outputPerMillion: 0 } },
    });
    expect(config).toMatchObject({
      timeoutMs: 120_000,
      retries: 3,
      breaker: { errorThresholdPercentage: 50, volumeThreshold: 5, resetTimeoutMs: 30_000 },
    });
    expect(createLlmProvider(config).name).toBe("openai-compatible");
  });

  it("describes the endpoint without secrets", () => {
    const config = llmProviderConfigSchema.parse({
      provider: "openai-compatible",
      baseUrl: "https://user:pass@api.example.com/v1",
      apiKey: "sk-live-secret",
      defaultModel: "gpt-small",
      stepModels: { specs: "gpt-large" },
    });
    const line = describeLlmProvider(config);
    expect(line).toBe("llm: openai-compatible at https://api.example.com, model gpt-small (specs=gpt-large)");
  });

  it("rejects an unknown provider, a step that does not exist and a non-http base URL", () => {
    expect(llmProviderConfigSchema.safeParse({ provider: "magic" }).success).toBe(false);
    const base = { provider: "openai-compatible", baseUrl: "http://localhost/v1", defaultModel: "m" };
    expect(llmProviderConfigSchema.safeParse({ ...base, stepModels: { deploy: "m" } }).success).toBe(false);
    expect(llmProviderConfigSchema.safeParse({ ...base, baseUrl: "ftp://localhost/v1" }).success).toBe(false);
  });
});
