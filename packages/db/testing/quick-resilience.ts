/**
 * Retry and breaker settings for an adapter that calls a local double (the fake OpenAI endpoint,
 * the Qdrant double): two retries milliseconds apart, and a breaker that needs 100 calls before
 * it may open, so only a test that means to trip it does.
 */
export const quickResilience = {
  timeoutMs: 2_000,
  retries: 2,
  minRetryDelayMs: 5,
  maxRetryDelayMs: 20,
  breaker: { errorThresholdPercentage: 50, volumeThreshold: 100, resetTimeoutMs: 1_000 },
};
