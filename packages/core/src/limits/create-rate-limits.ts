import type { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { DependencyUnavailableError, RateLimitedError } from "../errors.ts";
import { ExpiringKeys } from "./expiring-keys.ts";
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

type ScopeLimiter = (key: string, points: number) => Promise<void>;

/** Rate limits on rate-limiter-flexible: Redis-backed and shared when `redis` is given, in-process otherwise. */
export function createRateLimits(options: RateLimitsOptions): RateLimits {
  const scopes: RateLimitScope[] = ["ip", "user", "project", "authFailure"];
  const exhausted = new Map(scopes.map((scope) => [scope, new ExpiringKeys()]));
  const exhaustedIn = (scope: RateLimitScope) => exhausted.get(scope) as ExpiringKeys;
  const limiters = new Map(scopes.map((scope) => [scope, scopeLimiter(scope, options, exhaustedIn(scope))]));
  return {
    consume: (scope, key, points = 1) => (limiters.get(scope) as ScopeLimiter)(key, points),
    assertNotExhausted(scope, key) {
      const ms = exhaustedIn(scope).msBeforeNext(key);
      if (ms > 0) throw new RateLimitedError(limitName(scope, options.settings[scope]), secondsOf(ms));
    },
  };
}

const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function limitName(scope: RateLimitScope, window: RateLimitWindow): string {
  const what = { ip: "calls", user: "calls", project: "mutations", authFailure: "failed authentications" }[
    scope
  ];
  const per = scope === "authFailure" ? "ip" : scope;
  return `${window.points} ${what} per ${window.durationSeconds}s per ${per}`;
}

/**
 * rate-limiter-flexible rejects with a RateLimiterRes when over the limit and with an Error when its
 * store failed. A key left with no points (or refused) is remembered as exhausted until its window ends.
 */
async function consumeFrom(
  limiter: RateLimiterAbstract,
  key: string,
  points: number,
  name: string,
  exhausted: ExpiringKeys,
): Promise<void> {
  try {
    const result = await limiter.consume(key, points);
    if (result.remainingPoints <= 0) exhausted.mark(key, result.msBeforeNext);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      exhausted.mark(key, rejection.msBeforeNext);
      throw new RateLimitedError(name, secondsOf(rejection.msBeforeNext));
    }
    throw rejection;
  }
}

function scopeLimiter(
  scope: RateLimitScope,
  options: RateLimitsOptions,
  exhausted: ExpiringKeys,
): ScopeLimiter {
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
  if (!redis) return (key, points) => consumeFrom(inProcess, key, points, name, exhausted);

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

  return async (key, points) => {
    try {
      await consumeFrom(shared, key, points, name, exhausted);
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
    await consumeFrom(inProcess, key, points, name, exhausted);
  };
}
