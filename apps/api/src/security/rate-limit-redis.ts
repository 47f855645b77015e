import type { FastifyBaseLogger } from "fastify";
import { Redis } from "ioredis";

const CONNECT_TIMEOUT_MS = 2000;
// A limit check sits in front of every request: a Redis that stalls must cost milliseconds, not seconds.
const COMMAND_TIMEOUT_MS = 500;
const MAX_RECONNECT_DELAY_MS = 2000;

export class RedisUnreachableError extends Error {}

/** The URL without its password, for logs and errors. */
export function redactedRedisUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/**
 * The rate limits' Redis connection, built to fail fast rather than hang requests: no offline
 * queue (a command while disconnected fails at once), one try per command, short timeouts, and
 * reconnection in the background so limits are shared again as soon as Redis is back.
 */
export function openRateLimitRedis(url: string, log: FastifyBaseLogger) {
  const where = redactedRedisUrl(url);
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
  });
  let lastError: Error | undefined;
  let connected = false;
  // Without an error listener ioredis prints every failed reconnect; transitions are logged once.
  client.on("error", (error: Error) => {
    lastError = error;
    if (connected) {
      connected = false;
      log.warn({ err: error, redis: where }, "rate limits: lost the Redis connection; reconnecting");
    }
  });
  client.on("ready", () => {
    if (lastError) log.info({ redis: where }, "rate limits: Redis connection is back");
    connected = true;
  });

  /** At start-up a configured Redis must answer: an unreachable one is an error, never a fallback. */
  async function connect(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.connect(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("timed out")), CONNECT_TIMEOUT_MS * 2);
        }),
      ]);
      await client.ping();
    } catch (error) {
      client.disconnect();
      const reason = lastError?.message ?? (error as Error).message;
      throw new RedisUnreachableError(
        `REDIS_URL is set but Redis at ${where} is unreachable (${reason}); refusing to start rather than limit requests in memory`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async function close(): Promise<void> {
    connected = false;
    if (client.status === "ready") {
      await client.quit().catch(() => client.disconnect());
    } else {
      client.disconnect();
    }
  }

  return { client, where, connect, close };
}
