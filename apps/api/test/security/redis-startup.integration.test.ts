import { freePort, startRedisServer, useSuiteDatabase } from "@jeex/db/testing";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { openRateLimitRedis, RedisUnreachableError } from "../../src/security/rate-limit-redis.ts";
import { createServer } from "../../src/server.ts";
import { testConfig } from "../support/server.ts";
import { oneDatabaseTarget } from "./support/database.ts";
import { sleep } from "./support/requests.ts";

const target = oneDatabaseTarget();
const silent = pino({ level: "silent" });

/** Resolves once the client has ended for good (no reconnect pending), however it got there. */
const ended = (client: Redis) =>
  new Promise<void>((resolve) => (client.status === "end" ? resolve() : client.once("end", () => resolve())));

describe("a configured Redis is required at start-up", () => {
  const suite = useSuiteDatabase(target);

  it("the rate limits' connection refuses quickly, says where (without the password), and stops retrying", async () => {
    const port = await freePort();
    const redis = openRateLimitRedis(`redis://:secret@127.0.0.1:${port}`, silent);
    const startedAt = Date.now();
    const failure = await redis.connect().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(RedisUnreachableError);
    const message = (failure as Error).message;
    expect(message).toMatch(
      new RegExp(`Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}/? is unreachable`),
    );
    expect(message).toContain("refusing to start");
    expect(message).not.toContain("secret");
    expect(Date.now() - startedAt).toBeLessThan(5000);
    // No reconnect loop left behind to keep the process alive (the first retry would come in 200 ms).
    let attempts = 0;
    redis.client.on("reconnecting", () => attempts++);
    await sleep(700);
    expect(attempts).toBe(0);
  });

  it("the rate limits' connection closes cleanly against a live Redis", async () => {
    const server = await startRedisServer();
    try {
      const redis = openRateLimitRedis(server.url, silent);
      await redis.connect();
      expect(redis.client.status).toBe("ready");
      await redis.close();
      await ended(redis.client);
    } finally {
      await server.stop();
    }
  });

  it("the server refuses to start, quickly and without listening, when REDIS_URL does not answer", async () => {
    const port = await freePort();
    const server = createServer(testConfig({ REDIS_URL: `redis://:secret@127.0.0.1:${port}` }), {
      db: suite.db,
    });
    const startedAt = Date.now();
    const failure = await server.start().then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    // Whichever Redis user notices first (rate limits, events, queue) stops the start.
    expect(failure?.message).toMatch(/REDIS_URL is set but Redis/);
    expect(failure?.message).not.toContain("secret");
    expect(Date.now() - startedAt).toBeLessThan(5000);
    expect(server.app.server.listening).toBe(false);
    await server.stop().catch(() => undefined);
  });
});
