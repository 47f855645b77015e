import type { RateLimits } from "@jeex/core/limits";
import { createRateLimits } from "@jeex/core/limits";
import type { FastifyBaseLogger } from "fastify";
import type { SecurityConfig } from "../config/security.ts";
import { openRateLimitRedis } from "./rate-limit-redis.ts";

export interface RateLimiting {
  rateLimits: RateLimits;
  /** Connects the shared store; rejects when a configured Redis is unreachable. */
  start(): Promise<void>;
  /** Closes the store's connection (Fastify onClose). */
  stop(): Promise<void>;
}

/**
 * Rate limits as configured: shared through Redis when REDIS_URL is set, in-process when it is
 * not (a single instance), or none at all when RATE_LIMITS_ENABLED=false.
 */
export function createRateLimiting(
  config: SecurityConfig["rateLimits"],
  env: string,
  log: FastifyBaseLogger,
): RateLimiting | undefined {
  if (!config.enabled) {
    log.info("rate limits: off (RATE_LIMITS_ENABLED=false)");
    return undefined;
  }
  const redis = config.redisUrl ? openRateLimitRedis(config.redisUrl, log) : undefined;
  const rateLimits = createRateLimits({
    settings: config.settings,
    keyPrefix: config.keyPrefix,
    redis: redis?.client,
    log,
  });
  return {
    rateLimits,
    async start() {
      if (redis) {
        await redis.connect();
        log.info({ redis: redis.where, limits: config.settings }, `rate limits: Redis at ${redis.where}`);
      } else if (env === "production") {
        log.warn("rate limits: in-process memory; every instance counts on its own (set REDIS_URL to share)");
      } else {
        log.info({ limits: config.settings }, "rate limits: in-process memory (single instance)");
      }
    },
    stop: async () => redis?.close(),
  };
}
