import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { compareEventIds } from "./event-ids.ts";
import type { EventLogLog } from "./port.ts";

export type StreamEntry = [id: string, fields: string[]];

export interface StreamReaderOptions {
  /** The caller's connection; only used to find where to start (see below). */
  main: Redis;
  streamName: string;
  connectionName: string;
  blockMs: number;
  batchSize: number;
  onEntries: (entries: StreamEntry[]) => void;
  log?: EventLogLog;
}

export interface StreamReader {
  /** Ends the loop and drops the reader's connection; resolves once the loop has exited. */
  stop(): Promise<void>;
}

const maxBackoffMs = 2000;

/**
 * One blocking `XREAD` loop on a dedicated connection, delivering every entry after its start position.
 *
 * The start is the stream's last entry, asked on the *main* connection right now: commands on one
 * connection run in order, so a `readAfter` issued after `subscribe()` sees at least up to that point
 * and replay and live delivery overlap (duplicates, dropped by id) instead of leaving a gap.
 * That answer can come late (a connection still connecting) while other processes append; so the
 * start is also capped at the moment of the call by this process's clock, erring towards delivering
 * an event twice (ids tell) rather than not at all.
 * If Redis goes away, the loop retries with backoff from the last id it delivered: events written in
 * the meantime are in the stream, so none are lost.
 */
export function startStreamReader(options: StreamReaderOptions): StreamReader {
  const { main, streamName, log } = options;
  const stopping = new AbortController();
  const openConnection = () => {
    // Dedicated because XREAD BLOCK holds the connection; commands queue while Redis is away.
    const connection = main.duplicate({
      connectionName: options.connectionName,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    connection.on("error", () => {
      // ioredis reconnects by itself and re-sends the pending XREAD; the listener only stops
      // an "unhandled error event" line per reconnect attempt. Failed reads are logged below.
    });
    return connection;
  };
  let reader = openConnection();
  const calledAt = Date.now();
  const findStart = async () => earlierId(await lastEntryId(main, streamName), justBefore(calledAt));
  const startPosition = findStart();
  // Lets stop() interrupt a position lookup stuck behind an unreachable Redis.
  const stopped = new Promise<never>((_, reject) => {
    stopping.signal.addEventListener("abort", () => reject(new Error("stream reader stopped")), {
      once: true,
    });
  });
  stopped.catch(() => undefined);

  const loop = async () => {
    let lastId: string | undefined;
    let failures = 0;
    while (!stopping.signal.aborted) {
      try {
        lastId ??= await Promise.race([failures === 0 ? startPosition : findStart(), stopped]);
        const reply = await reader.xread(
          "COUNT",
          options.batchSize,
          "BLOCK",
          options.blockMs,
          "STREAMS",
          streamName,
          lastId,
        );
        failures = 0;
        const entries = reply?.[0]?.[1];
        const newest = entries?.at(-1);
        if (!entries || !newest || stopping.signal.aborted) continue;
        lastId = newest[0];
        options.onEntries(entries);
      } catch (error) {
        if (stopping.signal.aborted) break;
        failures += 1;
        log?.warn({ err: error, stream: streamName, failures }, "event stream read failed; retrying");
        // A connection whose retry strategy gave up never comes back: replace it.
        if (reader.status === "end") reader = openConnection();
        await sleep(Math.min(100 * 2 ** (failures - 1), maxBackoffMs), undefined, {
          signal: stopping.signal,
        }).catch(() => undefined);
      }
    }
  };
  const finished = loop();

  return {
    async stop() {
      stopping.abort();
      // disconnect, not quit: QUIT would wait behind the blocked XREAD for up to blockMs.
      reader.disconnect();
      await finished;
    },
  };
}

async function lastEntryId(redis: Redis, streamName: string): Promise<string> {
  const [newest] = await redis.xrevrange(streamName, "+", "-", "COUNT", 1);
  return newest?.[0] ?? "0-0";
}

const maxSequence = "18446744073709551615";

/** The last possible id of the millisecond before `ms`: reading after it yields everything from `ms` on. */
function justBefore(ms: number): string {
  return `${ms - 1}-${maxSequence}`;
}

function earlierId(a: string, b: string): string {
  return compareEventIds(a, b) <= 0 ? a : b;
}
