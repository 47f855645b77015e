import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import pRetry from "p-retry";
import { assertEventId } from "./event-ids.ts";
import type { EventLog, EventLogOptions, LoggedEvent, StreamKey } from "./port.ts";
import { type StreamEntry, startStreamReader } from "./redis-stream-reader.ts";
import { streamKeySuffix } from "./stream-key.ts";

export interface RedisEventLogOptions<E> extends EventLogOptions<E> {
  /**
   * The caller's connection, used for XADD/XRANGE and duplicated once for the blocking reader.
   * The caller owns it: `close()` leaves it open and only drops the reader it duplicated.
   */
  redis: Redis;
  keyPrefix?: string;
  /** How long one XREAD blocks before it is re-issued; bounds nothing a client can see. */
  blockMs?: number;
  /**
   * How long an append keeps retrying while Redis is unreachable (a restart, a fail-over) before its
   * caller hears the error. A run's progress and outcome outlive a blip this long.
   */
  appendRetryMs?: number;
}

const dataField = "data";

/**
 * XADD at most once per token (KEYS[2]): a command sent again after its answer was lost (ioredis
 * resends unanswered commands on reconnect, the log retries) must not add the event twice.
 * ARGV: MAXLEN, field, data, the token's lifetime in ms.
 */
const APPEND_ONCE = `
local done = redis.call('GET', KEYS[2])
if done then return done end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', ARGV[2], ARGV[3])
redis.call('SET', KEYS[2], id, 'PX', ARGV[4])
return id`;

/**
 * Progress events on Redis Streams: `${prefix}:events:${tenantId}:${projectId}`, trimmed with
 * `MAXLEN ~`. The stream is the bus between processes; in each process one blocking reader (one
 * connection) serves every key that has local listeners, and stops reading a key when its last
 * listener leaves.
 *
 * Replay after a Redis restart needs the stream to survive it: run production Redis with AOF
 * (`appendonly yes`). Without persistence the stream restarts empty and only later events arrive.
 */
export function createRedisEventLog<E>(options: RedisEventLogOptions<E>): EventLog<E> {
  const { redis, log } = options;
  const keyPrefix = options.keyPrefix ?? "jeex";
  const appendRetryMs = options.appendRetryMs ?? 15_000;
  // Outlives every resend of an append: its retries and ioredis' resend on reconnect.
  const tokenTtlMs = Math.max(60_000, 2 * appendRetryMs);
  const maxLength = options.maxLength ?? 1000;
  const parse = options.parse ?? ((value: unknown) => value as E);
  const listenersByStream = new Map<string, Set<(event: LoggedEvent<E>) => void>>();
  let closed = false;

  const streamName = (key: StreamKey) => `${keyPrefix}:events:${streamKeySuffix(key)}`;

  const decode = ([id, fields]: StreamEntry): LoggedEvent<E> | undefined => {
    let json: string | undefined;
    for (let i = 0; i < fields.length; i += 2) if (fields[i] === dataField) json = fields[i + 1];
    try {
      if (json === undefined) throw new Error("entry has no data field");
      return { id, event: parse(JSON.parse(json)) };
    } catch (error) {
      log?.warn({ eventId: id, err: error }, "skipping an event that does not parse");
      return undefined;
    }
  };

  const fanOut = (name: string, entries: StreamEntry[]) => {
    const listeners = listenersByStream.get(name);
    if (!listeners) return;
    for (const entry of entries) {
      const event = decode(entry);
      if (!event) continue;
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          log?.warn({ err: error }, "an event listener threw");
        }
      }
    }
  };

  const reader = startStreamReader({
    main: redis,
    connectionName: `${keyPrefix}:events-reader`,
    blockMs: options.blockMs ?? 5000,
    batchSize: 500,
    onEntries: fanOut,
    log,
  });

  const assertOpen = () => {
    if (closed) throw new Error("event log is closed");
  };

  // Every attempt of one append carries its token: the first to reach Redis adds the entry, any
  // later one (an answer lost, the command sent again) gets that entry's id back.
  const appendOnce = (key: StreamKey, event: E, token: string) => {
    const stream = streamName(key);
    const data = JSON.stringify(event);
    return redis.eval(
      APPEND_ONCE,
      2,
      stream,
      `${stream}:appended:${token}`,
      maxLength,
      dataField,
      data,
      tokenTtlMs,
    ) as Promise<string | null>;
  };

  return {
    async append(key, event) {
      assertOpen();
      // ioredis gives up on a command after a few reconnect attempts; the log waits out the outage.
      const token = randomUUID();
      const id = await pRetry(() => appendOnce(key, event, token), {
        retries: Number.POSITIVE_INFINITY,
        minTimeout: 100,
        maxTimeout: 1000,
        maxRetryTime: appendRetryMs,
        shouldRetry: () => !closed,
        onFailedAttempt: ({ error, attemptNumber }) => {
          if (attemptNumber === 1)
            log?.warn({ err: error }, "event append failed; retrying while Redis is away");
        },
      });
      if (id === null) throw new Error("XADD returned no id");
      return id;
    },

    async readAfter(key, afterId, limit = maxLength) {
      assertOpen();
      if (afterId !== undefined) assertEventId(afterId, "afterId");
      const start = afterId === undefined ? "-" : `(${afterId}`;
      const entries = await redis.xrange(streamName(key), start, "+", "COUNT", limit);
      return entries.flatMap((entry) => decode(entry) ?? []);
    },

    subscribe(key, listener) {
      assertOpen();
      const name = streamName(key);
      let listeners = listenersByStream.get(name);
      if (!listeners) {
        listeners = new Set();
        listenersByStream.set(name, listeners);
        reader.watch(name);
      }
      const current = listeners;
      // Wrapped so the same function can be subscribed twice and unsubscribed independently.
      const entry = (event: LoggedEvent<E>) => listener(event);
      current.add(entry);
      return () => {
        if (!current.delete(entry) || current.size > 0) return;
        if (listenersByStream.get(name) !== current) return;
        listenersByStream.delete(name);
        reader.unwatch(name);
      };
    },

    async close() {
      closed = true;
      listenersByStream.clear();
      await reader.stop();
    },
  };
}
