import type { RateLimitScope } from "./rate-limits.ts";

/** How many requests (calls, failures) a key may make per window. */
export interface RateLimitWindow {
  points: number;
  durationSeconds: number;
}

export type RateLimitSettings = Record<RateLimitScope, RateLimitWindow>;

/**
 * What a scope does while the shared store (Redis) cannot answer:
 * - `fail-open`: keep serving, counted by an in-process limiter with the same window, so each
 *   instance still enforces the limit on its own share of the traffic;
 * - `fail-closed`: refuse with DependencyUnavailableError (503).
 */
export type StoreDownPolicy = "fail-open" | "fail-closed";

/**
 * IP and user limits guard against floods of ordinary requests: losing Redis must not take the
 * whole API down, and per-instance counting still bounds a flood to (instances × limit).
 * Project mutations start the expensive work (agent runs spend LLM tokens) and that work needs
 * Redis anyway (queue, progress streams), so they stop rather than run unmetered.
 */
export const storeDownPolicy: Record<RateLimitScope, StoreDownPolicy> = {
  ip: "fail-open",
  user: "fail-open",
  project: "fail-closed",
  // Per-instance counting still bounds guessing to (instances × limit); refusing every sign-in
  // while Redis is away would lock everyone out.
  authFailure: "fail-open",
};
