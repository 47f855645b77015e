import type { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { DependencyUnavailableError, RateLimitedError } from "../errors.ts";
import { type RateLimitSettings, type RateLimitWindow, storeDownPolicy } from "./rate-limit-policy.ts";
import type { RateLimitScope, RateLimits } from "./rate-limits.ts";

/** The slice of a pino-style logger the limits use; keeps core free of a logging library. */
export interface RateLimitLog {
  warn(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
}

export interface RateLimitsOptions {
  settings: RateLimitSettings;
  /** Every stored key is `<keyPrefix>:<scope>:<key>`, e.g. `jeex:rl:project:<tenantId>:<projectId>`. */
  keyPrefix: string;
  /** The store all instances share; absent means in-process counting (one instance only). */
  redis?: Redis | undefined;
  log: RateLimitLog;
}

type ScopeLimiter = (key: string) => Promise<void>;

/** Rate limits on rate-limiter-flexible: Redis-backed and shared when `redis` is given, in-process otherwise. */
export function createRateLimits(options: RateLimitsOptions): RateLimits {
  const limiters: Record<RateLimitScope, ScopeLimiter> = {
    ip: scopeLimiter("ip", options),
    user: scopeLimiter("user", options),
    project: scopeLimiter("project", options),
  };
  return { consume: (scope, key) => limiters[scope](key) };
}

function limitName(scope: RateLimitScope, window: RateLimitWindow): string {
  const what = scope === "project" ? "mutations" : "requests";
  return `${window.points} ${what} per ${window.durationSeconds}s per ${scope}`;
}

/** rate-limiter-flexible rejects with a RateLimiterRes when over the limit and with an Error when its store failed. */
async function consumeFrom(limiter: RateLimiterAbstract, key: string, name: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new RateLimitedError(name, Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    }
    throw rejection;
  }
}

function scopeLimiter(scope: RateLimitScope, options: RateLimitsOptions): ScopeLimiter {
  const window = options.settings[scope];
  const name = limitName(scope, window);
  const limiterOptions = {
    keyPrefix: `${options.keyPrefix}:${scope}`,
    points: window.points,
    duration: window.durationSeconds,
  };
  // The only limiter without Redis; with Redis, the insurance used while Redis is unreachable.
  const inProcess = new RateLimiterMemory(limiterOptions);
  const { redis, log } = options;
  if (!redis) return (key) => consumeFrom(inProcess, key, name);

  const shared = new RateLimiterRedis({
    ...limiterOptions,
    storeClient: redis,
    // Answer at once while the connection is down instead of waiting for a reconnect.
    rejectIfRedisNotReady: true,
    // A key over its limit is refused from memory until its window ends, sparing Redis during a flood.
    inMemoryBlockOnConsumed: window.points + 1,
  });
  const policy = storeDownPolicy[scope];
  let storeDown = false;
  const storeAnswered = () => {
    if (!storeDown) return;
    storeDown = false;
    log.info({ scope }, `rate limits (${scope}): Redis answers again; counting is shared again`);
  };

  return async (key) => {
    try {
      await consumeFrom(shared, key, name);
      storeAnswered();
      return;
    } catch (error) {
      if (error instanceof RateLimitedError) {
        storeAnswered();
        throw error;
      }
      if (!storeDown) {
        storeDown = true;
        log.warn(
          { scope, policy, err: error },
          policy === "fail-open"
            ? `rate limits (${scope}): Redis unreachable; failing open, counting in this process only`
            : `rate limits (${scope}): Redis unreachable; failing closed, refusing with 503`,
        );
      }
    }
    if (policy === "fail-closed") {
      throw new DependencyUnavailableError(
        `the ${scope} rate limit cannot be checked right now; retry shortly`,
      );
    }
    await consumeFrom(inProcess, key, name);
  };
}
