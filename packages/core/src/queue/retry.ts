import type { RetryPolicy } from "./port.ts";

export const defaultRetry: RetryPolicy = { attempts: 3, backoffMs: 1000 };

/** Delay after the n-th failed attempt, computed as BullMQ's "exponential" backoff does: backoff · 2^(n−1). */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number): number {
  return Math.round(policy.backoffMs * 2 ** (failedAttempts - 1));
}
