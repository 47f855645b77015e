import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { DependencyUnavailableError, RateLimitedError } from "../../src/errors.ts";
import { createRateLimits, type RateLimitLog } from "../../src/limits/create-rate-limits.ts";
import type { RateLimitSettings } from "../../src/limits/rate-limit-policy.ts";

const settings: RateLimitSettings = {
  ip: { points: 3, durationSeconds: 60 },
  user: { points: 2, durationSeconds: 3600 },
  project: { points: 1, durationSeconds: 3600 },
  authFailure: { points: 2, durationSeconds: 600 },
};

function recordingLog() {
  const lines: { level: "warn" | "info"; details: Record<string, unknown>; message: string }[] = [];
  const log: RateLimitLog = {
    warn: (details, message) => lines.push({ level: "warn", details, message }),
    info: (details, message) => lines.push({ level: "info", details, message }),
  };
  return { log, lines };
}

async function rejection(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("in-process rate limits (no Redis configured)", () => {
  it("allows the configured points per key, then refuses with a retry-after within the window", async () => {
    const limits = createRateLimits({ settings, keyPrefix: "t", log: recordingLog().log });
    for (let i = 0; i < 3; i++) await limits.consume("ip", "10.0.0.1");
    const error = await rejection(limits.consume("ip", "10.0.0.1"));
    expect(error).toBeInstanceOf(RateLimitedError);
    const seconds = (error as RateLimitedError).retryAfterSeconds;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect((error as RateLimitedError).message).toContain("3 calls per 60s per ip");
  });

  it("counts each scope and each key separately", async () => {
    const limits = createRateLimits({ settings, keyPrefix: "t", log: recordingLog().log });
    await limits.consume("project", "tenant-a:project-1");
    await limits.consume("project", "tenant-b:project-1");
    await limits.consume("user", "tenant-a:project-1");
    await expect(limits.consume("project", "tenant-a:project-1")).rejects.toBeInstanceOf(RateLimitedError);
  });
});

describe("Redis-backed rate limits while Redis is unreachable", () => {
  // A real ioredis client that never connected: exactly what the limits see during an outage.
  let redis: Redis | undefined;
  afterEach(() => redis?.disconnect());

  const unreachable = () => {
    redis = new Redis({ host: "127.0.0.1", port: 1, lazyConnect: true, enableOfflineQueue: false });
    return redis;
  };

  it("ip and user fail open but still count in this process", async () => {
    const { log } = recordingLog();
    const limits = createRateLimits({ settings, keyPrefix: "t", redis: unreachable(), log });
    for (let i = 0; i < 3; i++) await limits.consume("ip", "10.0.0.1");
    await expect(limits.consume("ip", "10.0.0.1")).rejects.toBeInstanceOf(RateLimitedError);
    for (let i = 0; i < 2; i++) await limits.consume("user", "user-1");
    await expect(limits.consume("user", "user-1")).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("project mutations fail closed", async () => {
    const limits = createRateLimits({
      settings,
      keyPrefix: "t",
      redis: unreachable(),
      log: recordingLog().log,
    });
    const error = await rejection(limits.consume("project", "tenant-a:project-1"));
    expect(error).toBeInstanceOf(DependencyUnavailableError);
  });

  it("logs one warning per scope and outage, naming the policy", async () => {
    const { log, lines } = recordingLog();
    const limits = createRateLimits({ settings, keyPrefix: "t", redis: unreachable(), log });
    await limits.consume("ip", "10.0.0.1");
    await limits.consume("ip", "10.0.0.2");
    await limits.consume("project", "t:p").catch(() => undefined);
    await limits.consume("project", "t:p").catch(() => undefined);
    expect(lines.map((line) => [line.level, line.details.scope, line.details.policy])).toEqual([
      ["warn", "ip", "fail-open"],
      ["warn", "project", "fail-closed"],
    ]);
  });
});
