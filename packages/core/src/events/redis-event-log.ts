import type { Redis } from "ioredis";
import { assertEventId } from "./event-ids.ts";
import type { EventLog, EventLogOptions, LoggedEvent, StreamKey } from "./port.ts";
import { type StreamEntry, type StreamReader, startStreamReader } from "./redis-stream-reader.ts";
import { streamKeySuffix } from "./stream-key.ts";

export interface RedisEventLogOptions<E> extends EventLogOptions<E> {
  /**
   * The caller's connection, used for XADD/XRANGE and duplicated for blocking readers.
   * The caller owns it: `close()` leaves it open and only drops the readers it duplicated.
   */
  redis: Redis;
  keyPrefix?: string;
  /** How long one XREAD blocks before it is re-issued; bounds nothing a client can see. */
  blockMs?: number;
}

interface Hub<E> {
  listeners: Set<(event: LoggedEvent<E>) => void>;
  reader: StreamReader;
}

const dataField = "data";

/**
 * Progress events on Redis Streams: `${prefix}:events:${tenantId}:${projectId}`, trimmed with
 * `MAXLEN ~`. The stream is the bus between processes; in each process a hub per key runs one
 * blocking reader for all local listeners of that key, and stops it when the last one leaves.
 *
 * Replay after a Redis restart needs the stream to survive it: run production Redis with AOF
 * (`appendonly yes`). Without persistence the stream restarts empty and only later events arrive.
 */
export function createRedisEventLog<E>(options: RedisEventLogOptions<E>): EventLog<E> {
  const { redis, log } = options;
  const keyPrefix = options.keyPrefix ?? "jeex";
  const maxLength = options.maxLength ?? 1000;
  const parse = options.parse ?? ((value: unknown) => value as E);
  const hubs = new Map<string, Hub<E>>();
  const stoppingReaders = new Set<Promise<void>>();
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

  const fanOut = (hub: Hub<E>, entries: StreamEntry[]) => {
    for (const entry of entries) {
      const event = decode(entry);
      if (!event) continue;
      for (const listener of [...hub.listeners]) {
        try {
          listener(event);
        } catch (error) {
          log?.warn({ err: error }, "an event listener threw");
        }
      }
    }
  };

  const stopReader = (reader: StreamReader) => {
    const stopping = reader.stop().finally(() => stoppingReaders.delete(stopping));
    stoppingReaders.add(stopping);
  };

  const assertOpen = () => {
    if (closed) throw new Error("event log is closed");
  };

  return {
    async append(key, event) {
      assertOpen();
      const id = await redis.xadd(
        streamName(key),
        "MAXLEN",
        "~",
        maxLength,
        "*",
        dataField,
        JSON.stringify(event),
      );
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
      let hub = hubs.get(name);
      if (!hub) {
        const listeners = new Set<(event: LoggedEvent<E>) => void>();
        const reader = startStreamReader({
          main: redis,
          streamName: name,
          connectionName: `${keyPrefix}:events-reader`,
          blockMs: options.blockMs ?? 5000,
          batchSize: 500,
          onEntries: (entries) => fanOut(created, entries),
          log,
        });
        const created: Hub<E> = { listeners, reader };
        hub = created;
        hubs.set(name, created);
      }
      const current = hub;
      // Wrapped so the same function can be subscribed twice and unsubscribed independently.
      const entry = (event: LoggedEvent<E>) => listener(event);
      current.listeners.add(entry);
      return () => {
        if (!current.listeners.delete(entry) || current.listeners.size > 0) return;
        if (hubs.get(name) === current) hubs.delete(name);
        stopReader(current.reader);
      };
    },

    async close() {
      closed = true;
      for (const hub of hubs.values()) {
        hub.listeners.clear();
        stopReader(hub.reader);
      }
      hubs.clear();
      await Promise.all([...stoppingReaders]);
    },
  };
}
