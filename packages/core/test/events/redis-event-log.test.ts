import { randomUUID } from "node:crypto";
import { startRedisServer, startTcpProxy } from "@jeex/db/testing";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createEventFanout } from "../../src/events/fanout.ts";
import { createRedisEventLog } from "../../src/events/redis-event-log.ts";
import { deleteKeys, newKey, sharedRedisUrl, type TestEvent } from "./support/adapters.ts";

const waitLong = { timeout: 20_000, interval: 25 };
const opened: Redis[] = [];
const prefixes: string[] = [];

function connect(url = sharedRedisUrl): Redis {
  const redis = new Redis(url);
  opened.push(redis);
  return redis;
}

function uniquePrefix(): string {
  const prefix = `jeex-test-${randomUUID()}`;
  prefixes.push(prefix);
  return prefix;
}

/** Connections named by this prefix's readers, as Redis itself lists them. */
async function readerConnections(redis: Redis, keyPrefix: string): Promise<number> {
  const clients = (await redis.client("LIST")) as string;
  return clients.split("\n").filter((line) => line.includes(` name=${keyPrefix}:events-reader `)).length;
}

afterAll(async () => {
  const cleaner = new Redis(sharedRedisUrl);
  for (const prefix of prefixes) await deleteKeys(cleaner, `${prefix}:*`);
  await cleaner.quit();
  await Promise.all(opened.map((redis) => (redis.status === "end" ? undefined : redis.quit())));
});

describe("Redis event log", () => {
  it("names streams after tenant and project", async () => {
    const redis = connect();
    const keyPrefix = uniquePrefix();
    const log = createRedisEventLog<TestEvent>({ redis, keyPrefix });
    const key = newKey();
    await log.append(key, { n: 1 });
    expect(await redis.xlen(`${keyPrefix}:events:${key.tenantId}:${key.projectId}`)).toBe(1);
    await log.close();
  });

  it("serves every local listener of every key from one reader connection", async () => {
    const redis = connect();
    const keyPrefix = uniquePrefix();
    const log = createRedisEventLog<TestEvent>({ redis, keyPrefix });
    const keys = Array.from({ length: 40 }, newKey);
    const [busy] = keys;
    if (!busy) throw new Error("no key");
    let received = 0;
    const unsubscribes = Array.from({ length: 500 }, () => log.subscribe(busy, () => received++));
    const perKey = new Map<string, number>();
    for (const key of keys.slice(1)) {
      unsubscribes.push(
        log.subscribe(key, (e) => perKey.set(key.projectId, (perKey.get(key.projectId) ?? 0) + e.event.n)),
      );
    }
    await log.append(busy, { n: 1 });
    for (const key of keys.slice(1)) await log.append(key, { n: 1 });
    await vi.waitFor(() => expect(received).toBe(500), waitLong);
    await vi.waitFor(() => expect([...perKey.values()]).toEqual(Array(39).fill(1)), waitLong);
    expect(await readerConnections(redis, keyPrefix)).toBe(1);

    for (const unsubscribe of unsubscribes) unsubscribe();
    await log.append(busy, { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toBe(500);
    await log.close();
    await vi.waitFor(async () => expect(await readerConnections(redis, keyPrefix)).toBe(0), waitLong);
  });

  it("a key subscribed while the reader is blocked on others joins the read at once", async () => {
    const redis = connect();
    const keyPrefix = uniquePrefix();
    // A long block: without waking the read, the late key would wait this long.
    const log = createRedisEventLog<TestEvent>({ redis, keyPrefix, blockMs: 10_000 });
    const [first, late] = [newKey(), newKey()];
    const seen: string[] = [];
    log.subscribe(first, () => seen.push("first"));
    await log.append(first, { n: 1 });
    await vi.waitFor(() => expect(seen).toEqual(["first"]), waitLong);

    const subscribedAt = Date.now();
    log.subscribe(late, () => seen.push("late"));
    await vi.waitFor(async () => {
      // Appended until the reader picked the key up: the first append may predate its start.
      if (!seen.includes("late")) await log.append(late, { n: 1 });
      expect(seen).toContain("late");
    }, waitLong);
    expect(Date.now() - subscribedAt).toBeLessThan(2000);
    expect(await readerConnections(redis, keyPrefix)).toBe(1);
    await log.close();
  });

  it("delivers events appended by another instance with its own connection", async () => {
    const keyPrefix = uniquePrefix();
    const writer = createRedisEventLog<TestEvent>({ redis: connect(), keyPrefix });
    const reader = createRedisEventLog<TestEvent>({ redis: connect(), keyPrefix });
    const key = newKey();
    const seen: number[] = [];
    const unsubscribe = reader.subscribe(key, (e) => seen.push(e.event.n));
    await writer.append(key, { n: 1 });
    await writer.append(key, { n: 2 });
    await vi.waitFor(() => expect(seen).toEqual([1, 2]), waitLong);
    unsubscribe();
    await Promise.all([writer.close(), reader.close()]);
  });

  it("the fan-out on one instance gets a racing writer's events exactly once, in order", async () => {
    const keyPrefix = uniquePrefix();
    const writer = createRedisEventLog<TestEvent>({ redis: connect(), keyPrefix });
    const reader = createRedisEventLog<TestEvent>({ redis: connect(), keyPrefix });
    const key = newKey();
    const appending = (async () => {
      for (let n = 1; n <= 200; n++) await writer.append(key, { n });
    })();
    const got: number[] = [];
    const fanout = createEventFanout(reader, (logged) => Uint8Array.of(logged.event.n));
    const stop = new AbortController();
    const delivering = fanout.deliver(
      key,
      undefined,
      { write: (frame) => got.push(frame[0] ?? 0) > 0 },
      stop.signal,
    );
    await appending;
    await vi.waitFor(() => expect(got.at(-1)).toBe(200), waitLong);
    stop.abort();
    await delivering;
    expect(got).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    await Promise.all([writer.close(), reader.close()]);
  });

  it("close() drops its readers but leaves the caller's connection open", async () => {
    const redis = connect();
    const keyPrefix = uniquePrefix();
    const log = createRedisEventLog<TestEvent>({ redis, keyPrefix });
    log.subscribe(newKey(), () => undefined);
    await vi.waitFor(async () => expect(await readerConnections(redis, keyPrefix)).toBe(1), waitLong);
    await log.close();
    await vi.waitFor(async () => expect(await readerConnections(redis, keyPrefix)).toBe(0), waitLong);
    expect(await redis.ping()).toBe("PONG");
    expect(() => log.subscribe(newKey(), () => undefined)).toThrow(/closed/);
  });

  it("keeps a subscription alive across a Redis restart", async () => {
    const server = await startRedisServer();
    try {
      const redis = connect(server.url);
      const log = createRedisEventLog<TestEvent>({ redis, keyPrefix: "jeex-restart" });
      const key = newKey();
      const seen: number[] = [];
      const unsubscribe = log.subscribe(key, (e) => seen.push(e.event.n));
      await log.append(key, { n: 1 });
      await vi.waitFor(() => expect(seen).toEqual([1]), waitLong);

      await server.stop();
      await server.start();
      // No persistence on this server, so the stream starts empty; what counts is that later events arrive.
      await vi.waitFor(() => log.append(key, { n: 2 }), waitLong);
      await log.append(key, { n: 3 });
      await vi.waitFor(() => expect(seen).toEqual([1, 2, 3]), waitLong);
      unsubscribe();
      await log.close();
      await redis.quit();
    } finally {
      await server.stop();
    }
  });

  it("an append whose answer was lost is stored once, however often it is sent again", async () => {
    // The connection drops after Redis ran the append but before its answer arrived: ioredis sends
    // unanswered commands again on reconnect, and the log retries too.
    let cutNextId = false;
    const proxy = await startTcpProxy(sharedRedisUrl.replace("redis:", "http:"), () => ({
      cutAnswer: (chunk) => {
        if (!cutNextId || !/^\$\d+\r\n\d+-\d+\r\n$/.test(chunk.toString("latin1"))) return false;
        cutNextId = false;
        return true;
      },
    }));
    try {
      const redis = new Redis(proxy.url.replace("http:", "redis:"), { maxRetriesPerRequest: 2 });
      opened.push(redis);
      redis.on("error", () => undefined);
      const log = createRedisEventLog<TestEvent>({ redis, keyPrefix: uniquePrefix() });
      const key = newKey();
      await log.append(key, { n: 1 });
      cutNextId = true;
      await expect(log.append(key, { n: 2 })).resolves.toMatch(/^\d+-\d+$/);
      expect(cutNextId).toBe(false);
      expect((await log.readAfter(key, undefined)).map((e) => e.event.n)).toEqual([1, 2]);
      await log.close();
      await redis.quit();
    } finally {
      await proxy.close();
    }
  });

  it("an append made while Redis restarts waits for it instead of failing the caller", async () => {
    const server = await startRedisServer();
    try {
      // As the API connects: few retries per command, so only the log's own retry can ride out the gap.
      const redis = new Redis(server.url, { maxRetriesPerRequest: 2 });
      opened.push(redis);
      redis.on("error", () => undefined);
      const log = createRedisEventLog<TestEvent>({ redis, keyPrefix: "jeex-blip" });
      const key = newKey();
      await log.append(key, { n: 1 });

      await server.stop();
      const appended = log.append(key, { n: 2 });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await server.start();
      await expect(appended).resolves.toMatch(/^\d+-\d+$/);
      expect((await log.readAfter(key, undefined)).map((e) => e.event.n)).toEqual([2]);
      await log.close();
      await redis.quit();
    } finally {
      await server.stop();
    }
  });
});
