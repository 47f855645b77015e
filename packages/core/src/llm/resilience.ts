import { setTimeout as sleep } from "node:timers/promises";
import CircuitBreaker from "opossum";
import pRetry from "p-retry";
import { type ResiliencePolicy, sharedResilienceDefaults } from "../resilience/config.ts";
import { LlmCancelledError, LlmRequestError, LlmTimeoutError, LlmUnavailableError } from "./errors.ts";

export type { BreakerSettings, ResiliencePolicy } from "../resilience/config.ts";

export type CircuitState = "closed" | "open" | "half-open";

/** Thrown by an attempt for a failure that may pass on its own: HTTP 429 or 5xx, network, timeout. */
export class RetryableFailure extends Error {
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly timedOut: boolean;
  constructor(
    message: string,
    details: { status?: number; retryAfterMs?: number | undefined; timedOut?: boolean } = {},
  ) {
    super(message);
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.timedOut = details.timedOut ?? false;
  }
}

export interface ResilientCaller {
  /**
   * Runs `attempt` under the policy. `attempt` receives the signal to pass to `fetch` (the caller's
   * cancellation combined with the per-attempt timeout) and throws `RetryableFailure` for what is
   * worth retrying; anything else it throws ends the call as is.
   */
  call<T>(attempt: (signal: AbortSignal) => Promise<T>, cancel: AbortSignal): Promise<T>;
  readonly circuit: CircuitState;
}

/** Errors that say nothing about the endpoint's health, so they must not open the circuit. */
const isHealthNeutral = (error: unknown): boolean =>
  error instanceof LlmCancelledError || error instanceof LlmRequestError;

const isOpenCircuit = (error: unknown): boolean =>
  error instanceof Error && (error as { code?: unknown }).code === "EOPENBREAKER";

/** One caller per provider instance: the breaker's memory is that endpoint's recent health. */
export function createResilientCaller(endpoint: string, policy: ResiliencePolicy): ResilientCaller {
  const minRetryDelayMs = policy.minRetryDelayMs ?? sharedResilienceDefaults.minRetryDelayMs;
  const maxRetryDelayMs = policy.maxRetryDelayMs ?? sharedResilienceDefaults.maxRetryDelayMs;
  const maxRetryAfterMs = policy.maxRetryAfterMs ?? sharedResilienceDefaults.maxRetryAfterMs;

  const breaker = new CircuitBreaker((run: () => Promise<unknown>) => run(), {
    // Attempts carry their own timeouts; a breaker-level one would cut the retries short.
    timeout: false,
    errorThresholdPercentage: policy.breaker.errorThresholdPercentage,
    volumeThreshold: policy.breaker.volumeThreshold,
    resetTimeout: policy.breaker.resetTimeoutMs,
    errorFilter: isHealthNeutral,
  });

  async function timedAttempt<T>(attempt: (signal: AbortSignal) => Promise<T>, cancel: AbortSignal) {
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    try {
      return await attempt(AbortSignal.any([cancel, timeout]));
    } catch (error) {
      if (!cancel.aborted && timeout.aborted) {
        throw new RetryableFailure(`no answer within ${policy.timeoutMs} ms`, { timedOut: true });
      }
      throw error;
    }
  }

  async function retried<T>(attempt: (signal: AbortSignal) => Promise<T>, cancel: AbortSignal): Promise<T> {
    let attempts = 0;
    try {
      return await pRetry(
        () => {
          attempts++;
          return timedAttempt(attempt, cancel);
        },
        {
          retries: policy.retries,
          factor: 2,
          minTimeout: minRetryDelayMs,
          maxTimeout: maxRetryDelayMs,
          randomize: true,
          signal: cancel,
          shouldRetry: ({ error }) => error instanceof RetryableFailure,
          // p-retry has no notion of Retry-After: wait out whatever the backoff delay does not cover.
          onFailedAttempt: async ({ error, retriesLeft, retryDelay }) => {
            if (!(error instanceof RetryableFailure) || error.retryAfterMs === undefined || retriesLeft <= 0)
              return;
            const extra = Math.min(error.retryAfterMs, maxRetryAfterMs) - retryDelay;
            if (extra > 0) await sleep(extra, undefined, { signal: cancel });
          },
        },
      );
    } catch (error) {
      if (cancel.aborted) throw new LlmCancelledError(cancel.reason);
      if (!(error instanceof RetryableFailure)) throw error;
      const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;
      if (error.timedOut)
        throw new LlmTimeoutError(`${endpoint} gave no answer within ${policy.timeoutMs} ms (${tries})`);
      throw new LlmUnavailableError(`${endpoint} failed after ${tries}: ${error.message}`, {
        status: error.status,
      });
    }
  }

  return {
    get circuit(): CircuitState {
      if (breaker.opened) return "open";
      return breaker.halfOpen ? "half-open" : "closed";
    },
    async call<T>(attempt: (signal: AbortSignal) => Promise<T>, cancel: AbortSignal): Promise<T> {
      if (cancel.aborted) throw new LlmCancelledError(cancel.reason);
      try {
        return (await breaker.fire(() => retried(attempt, cancel))) as T;
      } catch (error) {
        if (!isOpenCircuit(error)) throw error;
        throw new LlmUnavailableError(
          `${endpoint} unavailable: circuit open after repeated failures (a trial call is let through every ${policy.breaker.resetTimeoutMs} ms)`,
          { circuitOpen: true },
        );
      }
    },
  };
}
