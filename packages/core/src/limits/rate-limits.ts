/**
 * Which budget a request draws from; each scope has its own window and points.
 * `authFailure` counts presented credentials that did not verify, per client IP.
 */
export type RateLimitScope = "ip" | "user" | "project" | "authFailure";

/**
 * Port for request rate limits (Redis-backed and shared across instances, or in-process).
 * `consume` resolves when allowed and throws RateLimitedError when over the limit.
 */
export interface RateLimits {
  /** Draws `points` (default 1: one call) from `key`'s budget in `scope`. */
  consume(scope: RateLimitScope, key: string, points?: number): Promise<void>;
  /**
   * Throws RateLimitedError when this process has already seen `key` spend its budget in `scope`
   * for the current window. Answered from memory, without a store round trip, so it can guard
   * work (a credential look-up) on every call at no cost.
   */
  assertNotExhausted(scope: RateLimitScope, key: string): void;
}
