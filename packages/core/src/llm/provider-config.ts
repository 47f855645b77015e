import { stepSchema } from "@jeex/contracts/steps";
import { z } from "zod";
import { openAiCompatibleEndpointShape } from "../resilience/config.ts";
import { createOpenAiCompatibleProvider } from "./openai-compatible.ts";
import type { LlmProvider } from "./port.ts";
import { createTemplateProvider } from "./template.ts";

const modelName = z.string().trim().min(1);

const modelPriceSchema = z.strictObject({
  inputPerMillion: z.number().nonnegative(),
  outputPerMillion: z.number().nonnegative(),
});

const templateConfigSchema = z.strictObject({ provider: z.literal("template") });

const openAiCompatibleConfigSchema = z.strictObject({
  /** A model writing an answer: two minutes per attempt. */
  ...openAiCompatibleEndpointShape({ timeoutMs: 120_000 }),
  defaultModel: modelName,
  /** A different model for some steps, e.g. a larger one for `architecture`. */
  stepModels: z.partialRecord(stepSchema, modelName).optional(),
  /** Keyed by model name; models without a price cost 0. */
  prices: z.record(modelName, modelPriceSchema).optional(),
  temperature: z.number().min(0).max(2).optional(),
  /** The most one call's answer may take; every call is also capped at what its run has left. */
  maxTokens: z.number().int().positive().optional(),
  /** The name the cap is sent under: OpenAI's newer models take only `max_completion_tokens`. */
  maxTokensParam: z.enum(["max_tokens", "max_completion_tokens"]).default("max_tokens"),
});

/**
 * The LLM choice as the API's config module hands it over (it alone reads the environment).
 * `template` is the offline default and must be chosen explicitly, never as a fallback.
 */
export const llmProviderConfigSchema = z.discriminatedUnion("provider", [
  templateConfigSchema,
  openAiCompatibleConfigSchema,
]);
export type LlmProviderConfig = z.output<typeof llmProviderConfigSchema>;
export type LlmProviderConfigInput = z.input<typeof llmProviderConfigSchema>;

export function createLlmProvider(config: LlmProviderConfig): LlmProvider {
  switch (config.provider) {
    case "template":
      return createTemplateProvider();
    case "openai-compatible":
      return createOpenAiCompatibleProvider({
        baseUrl: config.baseUrl,
        apiKey: config.apiKey,
        models: { default: config.defaultModel, perStep: config.stepModels },
        prices: config.prices,
        temperature: config.temperature,
        maxTokens: config.maxTokens,
        maxTokensParam: config.maxTokensParam,
        timeoutMs: config.timeoutMs,
        retries: config.retries,
        minRetryDelayMs: config.minRetryDelayMs,
        maxRetryDelayMs: config.maxRetryDelayMs,
        maxRetryAfterMs: config.maxRetryAfterMs,
        breaker: config.breaker,
      });
  }
}

/** The start-up log line: which model backend is in use, without secrets. */
export function describeLlmProvider(config: LlmProviderConfig): string {
  if (config.provider === "template") return "llm: template provider (offline drafts, no model)";
  const perStep = Object.entries(config.stepModels ?? {})
    .map(([step, model]) => `${step}=${model}`)
    .join(", ");
  const origin = new URL(config.baseUrl).origin;
  return `llm: openai-compatible at ${origin}, model ${config.defaultModel}${perStep ? ` (${perStep})` : ""}`;
}
