import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { compareEventIds, maxEventIdPart } from "./event-ids.ts";
import type { EventLogLog } from "./port.ts";

export type StreamEntry = [id: string, fields: string[]];

export interface StreamReaderOptions {
  /** The caller's connection: finds where each stream starts and wakes the blocked reader. */
  main: Redis;
  connectionName: string;
  blockMs: number;
  /** Entries per stream per read. */
  batchSize: number;
  onEntries: (streamName: string, entries: StreamEntry[]) => void;
  log?: EventLogLog;
}

export interface StreamReader {
  /** Starts delivering the stream's entries from (about) now on; a no-op if already watched. */
  watch(streamName: string): void;
  /** Stops delivering the stream's entries. */
  unwatch(streamName: string): void;
  /** Ends the loop and drops the reader's connection; resolves once the loop has exited. */
  stop(): Promise<void>;
}

interface Watched {
  /** The last id delivered (or the start position); undefined until the start is known. */
  lastId: string | undefined;
  calledAt: number;
}

const maxBackoffMs = 2000;
const startRetryMs = 200;

/**
 * One blocking `XREAD` loop on one dedicated connection for every watched stream of this process,
 * so open subscriptions cost a map entry each, not a Redis connection each. A change to the set of
 * streams wakes the blocked read with `CLIENT UNBLOCK` (sent on the main connection), and the read
 * is issued again with the new set.
 *
 * Each stream starts at its last entry, asked on the *main* connection at `watch()`: commands on one
 * connection run in order, so a `readAfter` issued after `watch()` sees at least up to that point and
 * replay and live delivery overlap (duplicates, dropped by id) instead of leaving a gap. That answer
 * can come late (a connection still connecting) while other processes append; so the start is also
 * capped at the moment of the call by this process's clock, erring towards delivering an event twice
 * (ids tell) rather than not at all.
 * If Redis goes away, the loop retries with backoff from the last id delivered per stream: events
 * written in the meantime are in the streams, so none are lost. Right after a reconnect the reader's
 * client id is not known yet, so a stream watched then joins the read within `blockMs`.
 */
export function startStreamReader(options: StreamReaderOptions): StreamReader {
  const { main, log } = options;
  const watched = new Map<string, Watched>();
  const stopping = new AbortController();
  let reader: Redis | undefined;
  let readerId: number | undefined;
  /** Bumped whenever the set of readable streams changes. */
  let generation = 0;
  /** The generation the XREAD in flight was issued with; undefined while none is. */
  let readingGeneration: number | undefined;
  let wakeIdle: (() => void) | undefined;
  let unblocking = false;
  let finished: Promise<void> | undefined;

  const openConnection = () => {
    // Dedicated because XREAD BLOCK holds the connection; commands queue while Redis is away,
    // and ioredis re-sends the pending XREAD after a reconnect.
    const connection = main.duplicate({
      connectionName: options.connectionName,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    connection.on("error", () => {
      // ioredis reconnects by itself; the listener only stops an "unhandled error event" line
      // per reconnect attempt. Failed reads are logged by the loop.
    });
    // A new connection has a new client id: ask again before the next read.
    connection.on("close", () => {
      readerId = undefined;
    });
    return connection;
  };

  /** Makes the loop pick up the current set of streams: at once when idle, by unblocking its read otherwise. */
  const changed = () => {
    generation += 1;
    const resume = wakeIdle;
    wakeIdle = undefined;
    resume?.();
    void unblockStaleRead();
  };

  const unblockStaleRead = async () => {
    if (unblocking) return;
    unblocking = true;
    try {
      // UNBLOCK only works once the XREAD reached Redis: until the loop has re-read the set, retry.
      while (readingGeneration !== undefined && readingGeneration < generation && !stopping.signal.aborted) {
        if (readerId === undefined) return;
        const unblocked = await main.client("UNBLOCK", readerId);
        if (unblocked === 1) return;
        await sleep(5, undefined, { signal: stopping.signal });
      }
    } catch {
      // Redis is away or we are stopping: the read ends on its own within blockMs.
    } finally {
      unblocking = false;
    }
  };

  const findStart = (streamName: string, entry: Watched) => {
    lastEntryId(main, streamName).then(
      (newest) => {
        if (watched.get(streamName) !== entry || entry.lastId !== undefined) return;
        entry.lastId = earlierId(newest, justBefore(entry.calledAt));
        changed();
      },
      () => {
        if (watched.get(streamName) !== entry || stopping.signal.aborted) return;
        // Redis is away: ask again; the cap at calledAt keeps the start from moving past the call.
        setTimeout(() => findStart(streamName, entry), startRetryMs).unref();
      },
    );
  };

  const readOnce = async (connection: Redis, streams: [string, Watched][], ofGeneration: number) => {
    readerId ??= Number(await connection.client("ID"));
    readingGeneration = ofGeneration;
    try {
      return await connection.xread(
        "COUNT",
        options.batchSize,
        "BLOCK",
        options.blockMs,
        "STREAMS",
        ...streams.map(([name]) => name),
        ...streams.map(([, entry]) => entry.lastId as string),
      );
    } finally {
      readingGeneration = undefined;
    }
  };

  const loop = async (connection: Redis) => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      const ofGeneration = generation;
      const readable = [...watched].filter(([, entry]) => entry.lastId !== undefined);
      if (readable.length === 0) {
        await new Promise<void>((resolve) => {
          wakeIdle = resolve;
        });
        continue;
      }
      try {
        const reply = await readOnce(connection, readable, ofGeneration);
        failures = 0;
        for (const [streamName, entries] of reply ?? []) {
          const entry = watched.get(streamName);
          const newest = entries.at(-1);
          if (!entry || !newest || stopping.signal.aborted) continue;
          entry.lastId = newest[0];
          options.onEntries(streamName, entries);
        }
      } catch (error) {
        if (stopping.signal.aborted) break;
        failures += 1;
        log?.warn({ err: error, streams: readable.length, failures }, "event stream read failed; retrying");
        // A connection whose retry strategy gave up never comes back: replace it.
        if (connection.status === "end") {
          connection = openConnection();
          reader = connection;
        }
        await sleep(Math.min(100 * 2 ** (failures - 1), maxBackoffMs), undefined, {
          signal: stopping.signal,
        }).catch(() => undefined);
      }
    }
  };

  return {
    watch(streamName) {
      if (stopping.signal.aborted || watched.has(streamName)) return;
      const entry: Watched = { lastId: undefined, calledAt: Date.now() };
      watched.set(streamName, entry);
      findStart(streamName, entry);
      if (!reader) {
        reader = openConnection();
        finished = loop(reader);
      }
    },

    unwatch(streamName) {
      // No wake-up: the read in flight may still return entries for it, which are dropped, and
      // the next read leaves it out.
      watched.delete(streamName);
    },

    async stop() {
      stopping.abort();
      watched.clear();
      wakeIdle?.();
      // disconnect, not quit: QUIT would wait behind the blocked XREAD for up to blockMs.
      reader?.disconnect();
      await finished;
    },
  };
}

async function lastEntryId(redis: Redis, streamName: string): Promise<string> {
  const [newest] = await redis.xrevrange(streamName, "+", "-", "COUNT", 1);
  return newest?.[0] ?? "0-0";
}

/** The last possible id of the millisecond before `ms`: reading after it yields everything from `ms` on. */
function justBefore(ms: number): string {
  return `${ms - 1}-${maxEventIdPart}`;
}

function earlierId(a: string, b: string): string {
  return compareEventIds(a, b) <= 0 ? a : b;
}
