import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

const load = (env: Record<string, string> = {}) =>
  loadConfig({ NODE_ENV: "test", JEEX_DEV_MODE: "true", ...env }).security;

describe("security configuration", () => {
  it("defaults: limits on at 100/min per IP, 1000/h per user, 500/h per project, in memory, no CORS origins", () => {
    const security = load();
    expect(security.rateLimits).toEqual({
      enabled: true,
      redisUrl: undefined,
      keyPrefix: "jeex:rl",
      settings: {
        ip: { points: 100, durationSeconds: 60 },
        user: { points: 1000, durationSeconds: 3600 },
        project: { points: 500, durationSeconds: 3600 },
        authFailure: { points: 20, durationSeconds: 900 },
      },
    });
    expect(security.maxBatchSize).toBe(20);
    expect(security.streams).toEqual({
      perUser: 100,
      perTenant: 1_000,
      perProcess: 20_000,
      accessRecheckMs: 15_000,
      maxLifetimeMs: 1_800_000,
    });
    expect(security.corsOrigins).toEqual([]);
    expect(security.trustProxy).toBe(false);
    expect(security.connectionTimeoutMs).toBe(60_000);
    expect(security.keepAliveTimeoutMs).toBe(72_000);
  });

  it("reads every limit, the Redis URL and the switch from the environment", () => {
    const security = load({
      RATE_LIMITS_ENABLED: "false",
      RATE_LIMIT_IP_PER_MINUTE: "7",
      RATE_LIMIT_USER_PER_HOUR: "8",
      RATE_LIMIT_PROJECT_MUTATIONS_PER_HOUR: "9",
      RATE_LIMIT_KEY_PREFIX: "staging:rl",
      REDIS_URL: "redis://cache:6379/2",
    });
    expect(security.rateLimits).toMatchObject({
      enabled: false,
      redisUrl: "redis://cache:6379/2",
      keyPrefix: "staging:rl",
      settings: { ip: { points: 7 }, user: { points: 8 }, project: { points: 9 } },
    });
    expect(load({ REDIS_URL: "" }).rateLimits.redisUrl).toBeUndefined();
  });

  it("reads the failed-authentication budget, the batch cap and the stream caps", () => {
    const security = load({
      RATE_LIMIT_AUTH_FAILURES_PER_IP: "3",
      RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: "60",
      TRPC_MAX_BATCH_SIZE: "5",
      SUBSCRIPTIONS_PER_USER: "2",
      SUBSCRIPTIONS_PER_TENANT: "3",
      SUBSCRIPTIONS_PER_PROCESS: "4",
      STREAM_ACCESS_RECHECK_MS: "200",
      STREAM_MAX_LIFETIME_MS: "1000",
    });
    expect(security.rateLimits.settings.authFailure).toEqual({ points: 3, durationSeconds: 60 });
    expect(security.maxBatchSize).toBe(5);
    expect(security.streams).toEqual({
      perUser: 2,
      perTenant: 3,
      perProcess: 4,
      accessRecheckMs: 200,
      maxLifetimeMs: 1000,
    });
    expect(() => load({ TRPC_MAX_BATCH_SIZE: "0" })).toThrow(/TRPC_MAX_BATCH_SIZE/);
    expect(() => load({ STREAM_ACCESS_RECHECK_MS: "10" })).toThrow(/STREAM_ACCESS_RECHECK_MS/);
    // Re-checked at least every ping (15 s): a longer interval would let a revoked stream outlive it.
    expect(() => load({ STREAM_ACCESS_RECHECK_MS: "15001" })).toThrow(/STREAM_ACCESS_RECHECK_MS/);
  });

  it("CORS_ORIGINS is a list of exact origins; '*', paths and non-URLs are refused", () => {
    expect(load({ CORS_ORIGINS: " https://app.example.com ,http://localhost:5173" }).corsOrigins).toEqual([
      "https://app.example.com",
      "http://localhost:5173",
    ]);
    for (const bad of ["*", "https://app.example.com/", "https://app.example.com/path", "app.example.com"]) {
      expect(() => load({ CORS_ORIGINS: bad }), bad).toThrow(ConfigError);
    }
    expect(() => load({ CORS_ORIGINS: "*" })).toThrow(/CORS_ORIGINS\.0: must be an origin/);
  });

  it("TRUST_PROXY: off, on, a hop count, or proxy addresses", () => {
    expect(load({ TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(load({ TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).trustProxy).toEqual(["10.0.0.0/8", "127.0.0.1"]);
    const oneHop = load({ TRUST_PROXY: "1" }).trustProxy;
    expect(typeof oneHop).toBe("function");
    if (typeof oneHop === "function")
      expect([oneHop("10.0.0.1", 0), oneHop("10.0.0.2", 1)]).toEqual([true, false]);
  });

  it("refuses invalid values with every problem listed", () => {
    let message = "";
    try {
      load({ RATE_LIMIT_IP_PER_MINUTE: "0", REDIS_URL: "http://cache", RATE_LIMIT_KEY_PREFIX: "a b" });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ["RATE_LIMIT_IP_PER_MINUTE", "REDIS_URL", "RATE_LIMIT_KEY_PREFIX"]) {
      expect(message).toContain(`${name}:`);
    }
  });
});
