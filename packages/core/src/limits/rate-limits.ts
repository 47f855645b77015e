/** Which budget a request draws from; each scope has its own window and points. */
export type RateLimitScope = "ip" | "user" | "project";

/**
 * Port for request rate limits (Redis-backed and shared across instances, or in-process).
 * `consume` resolves when allowed and throws RateLimitedError when over the limit.
 */
export interface RateLimits {
  consume(scope: RateLimitScope, key: string): Promise<void>;
}
