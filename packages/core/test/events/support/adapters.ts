import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createMemoryEventLog } from "../../../src/events/memory-event-log.ts";
import type { EventLog, StreamKey } from "../../../src/events/port.ts";
import { createRedisEventLog } from "../../../src/events/redis-event-log.ts";

export interface TestEvent {
  n: number;
}

/** One event-log adapter as the shared behaviour suite sees it. */
export interface EventLogHarness {
  name: string;
  /** How far above maxLength the retained log may be (Redis trims whole stream nodes with MAXLEN ~). */
  trimSlack: number;
  create(options?: { maxLength?: number }): EventLog<TestEvent>;
  /** Closes what create() made and removes its keys. */
  cleanup(): Promise<void>;
  /** Releases the harness itself (the Redis connection). */
  dispose(): Promise<void>;
}

export const sharedRedisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export function newKey(): StreamKey {
  return { tenantId: randomUUID(), projectId: randomUUID() };
}

export function memoryHarness(): EventLogHarness {
  const logs: EventLog<TestEvent>[] = [];
  return {
    name: "memory",
    trimSlack: 0,
    create(options = {}) {
      const log = createMemoryEventLog<TestEvent>(options);
      logs.push(log);
      return log;
    },
    async cleanup() {
      await Promise.all(logs.splice(0).map((log) => log.close()));
    },
    async dispose() {},
  };
}

export function redisHarness(): EventLogHarness {
  const redis = new Redis(sharedRedisUrl, { lazyConnect: true });
  const logs: EventLog<TestEvent>[] = [];
  const prefixes: string[] = [];
  return {
    name: "redis",
    // Default stream-node-max-entries is 100: `MAXLEN ~` only drops whole nodes.
    trimSlack: 100,
    create(options = {}) {
      const keyPrefix = `jeex-test-${randomUUID()}`;
      prefixes.push(keyPrefix);
      const log = createRedisEventLog<TestEvent>({ redis, keyPrefix, ...options });
      logs.push(log);
      return log;
    },
    async cleanup() {
      await Promise.all(logs.splice(0).map((log) => log.close()));
      for (const prefix of prefixes.splice(0)) await deleteKeys(redis, `${prefix}:*`);
    },
    async dispose() {
      await redis.quit();
    },
  };
}

export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}
