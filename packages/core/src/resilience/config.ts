import { z } from "zod";

// How an outside endpoint (the chat model, the embeddings model, Qdrant) is called: the per-attempt
// timeout, the retries with their backoff, and the circuit breaker. One shape for all three; each
// endpoint names its timeout and whatever else it does differently.

/** What an endpoint gets unless it says otherwise. */
export const sharedResilienceDefaults = {
  retries: 3,
  minRetryDelayMs: 500,
  maxRetryDelayMs: 10_000,
  maxRetryAfterMs: 30_000,
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  resetTimeoutMs: 30_000,
};

export type ResilienceDefaults = { timeoutMs: number } & Partial<typeof sharedResilienceDefaults>;

/** The resilience fields of an endpoint's config schema, to spread into its `z.strictObject`. */
export function resilienceConfigShape(endpoint: ResilienceDefaults) {
  const defaults = { ...sharedResilienceDefaults, ...endpoint };
  return {
    /** Per HTTP attempt, not per call: a retried call can take up to (retries + 1) × timeoutMs plus delays. */
    timeoutMs: z.number().int().positive().default(defaults.timeoutMs),
    retries: z.number().int().min(0).max(10).default(defaults.retries),
    /** First backoff delay; doubles per retry, with jitter (× 1–2). */
    minRetryDelayMs: z.number().int().nonnegative().default(defaults.minRetryDelayMs),
    /** Cap on one backoff delay. */
    maxRetryDelayMs: z.number().int().positive().default(defaults.maxRetryDelayMs),
    /** Cap on a server's Retry-After, so a hostile or confused header cannot park a run. */
    maxRetryAfterMs: z.number().int().nonnegative().default(defaults.maxRetryAfterMs),
    breaker: z
      .strictObject({
        /** Failure share (of calls in the rolling 10 s window) above which the circuit opens. */
        errorThresholdPercentage: z.number().min(1).max(100).default(defaults.errorThresholdPercentage),
        /** Calls needed in the window before the share is judged at all. */
        volumeThreshold: z.number().int().min(1).default(defaults.volumeThreshold),
        /** How long the circuit stays open before one trial call is let through (half-open). */
        resetTimeoutMs: z.number().int().positive().default(defaults.resetTimeoutMs),
      })
      .prefault({}),
  };
}

/**
 * The fields of an OpenAI-compatible endpoint's config (the chat model, the embeddings model):
 * where it is, its key, and how it is called; each endpoint adds its model settings.
 */
export function openAiCompatibleEndpointShape(endpoint: ResilienceDefaults) {
  return {
    provider: z.literal("openai-compatible"),
    baseUrl: z.url({ protocol: /^https?$/ }),
    apiKey: z.string().min(1).optional(),
    ...resilienceConfigShape(endpoint),
  };
}

/** The resilience settings as a parsed config carries them (every default filled in). */
export type ResilienceConfig = z.output<z.ZodObject<ReturnType<typeof resilienceConfigShape>>>;

export type BreakerSettings = ResilienceConfig["breaker"];

type DelaySetting = "minRetryDelayMs" | "maxRetryDelayMs" | "maxRetryAfterMs";

/**
 * What `createResilientCaller` takes: the parsed config, or one built by hand (tests, custom
 * adapters) that may leave the delays out (then the shared defaults apply).
 */
export type ResiliencePolicy = Omit<ResilienceConfig, DelaySetting> &
  Partial<Pick<ResilienceConfig, DelaySetting>>;
