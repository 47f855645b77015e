import { assertEventId, compareEventIds } from "./event-ids.ts";
import type { EventLog, LoggedEvent, StreamKey } from "./port.ts";
import { streamKeySuffix } from "./stream-key.ts";

/** Where one reader's events go, already framed for its transport. */
export interface FrameSink {
  /** Writes one frame; false when the reader is too far behind to keep up (it is then dropped). */
  write(frame: Uint8Array): boolean;
}

/** How a delivery ended without an error. */
export type DeliveryEnd = "stopped" | "behind";

export interface EventFanout {
  /**
   * Every event after `afterId`, then live ones, each exactly once and in id order, written to
   * `sink` until `signal` aborts ("stopped") or the sink refuses a frame ("behind": the reader
   * resumes from the last id it got). Rejects when the log cannot be read.
   */
  deliver(
    key: StreamKey,
    afterId: string | undefined,
    sink: FrameSink,
    signal: AbortSignal,
  ): Promise<DeliveryEnd>;
}

export interface FanoutOptions {
  /** Events fetched per `readAfter` call while a reader catches up. */
  replayPageSize?: number;
  /**
   * Live events held for a reader still catching up. Past this they are dropped and the reader
   * reads them from the log instead, so a slow catch-up cannot grow memory without bound.
   */
  maxPending?: number;
  /**
   * Readers one event is written to before the rest wait for the next turn of the event loop: one
   * event to thousands of readers of a project then stalls other work by one slice, not by all.
   */
  sliceSize?: number;
}

interface Reader {
  sink: FrameSink;
  lastId: string | undefined;
  /** Live events that arrived while this reader replays; null once it is live. */
  pending: LoggedEvent<unknown>[] | null;
  overflowed: boolean;
  refused: boolean;
  wake?: () => void;
}

interface Group<E> {
  readers: Set<Reader>;
  unsubscribe: () => void;
  /** Id of the live event before the current one: a reader that had it needs no id comparison. */
  previousId: string | undefined;
  /** Live events not yet written to every reader, oldest first: each reader sees them in order. */
  queue: LoggedEvent<E>[];
  draining: boolean;
}

/**
 * Many readers of one project's progress share one log subscription, and each event is framed
 * once for all of them (`frame`), however many read it: the cost per reader and event is a write.
 * Each reader listens before it replays from `afterId`, so a resume misses nothing and repeats nothing.
 */
export function createEventFanout<E>(
  log: EventLog<E>,
  frame: (event: LoggedEvent<E>) => Uint8Array,
  options: FanoutOptions = {},
): EventFanout {
  const pageSize = options.replayPageSize ?? 500;
  const maxPending = options.maxPending ?? 1000;
  const sliceSize = options.sliceSize ?? 256;
  const groups = new Map<string, Group<E>>();

  const isNew = (reader: Reader, id: string) =>
    reader.lastId === undefined || compareEventIds(id, reader.lastId) > 0;

  function write(reader: Reader, event: LoggedEvent<E>, framed: Uint8Array): void {
    reader.lastId = event.id;
    if (!reader.sink.write(framed)) {
      reader.refused = true;
      reader.wake?.();
    }
  }

  function offer(group: Group<E>, reader: Reader, event: LoggedEvent<E>, framed: () => Uint8Array): void {
    if (reader.refused) return;
    if (reader.pending) {
      if (reader.pending.length < maxPending) reader.pending.push(event);
      else reader.overflowed = true;
      reader.wake?.();
    } else if (reader.lastId === group.previousId || isNew(reader, event.id)) {
      write(reader, event, framed());
    }
  }

  /** Writes the queued events to the group's readers, a slice a turn; readers who join meanwhile are included. */
  function drain(group: Group<E>): void {
    group.draining = true;
    let readers: Iterator<Reader> | undefined;
    let framed: Uint8Array | undefined;
    const turn = () => {
      for (let written = 0; written < sliceSize; written++) {
        const event = group.queue[0];
        if (!event) {
          group.draining = false;
          return;
        }
        readers ??= group.readers.values();
        const next = readers.next();
        if (next.done) {
          group.previousId = event.id;
          group.queue.shift();
          readers = undefined;
          framed = undefined;
          continue;
        }
        const reader = next.value;
        try {
          offer(group, reader, event, () => {
            framed ??= frame(event);
            return framed;
          });
        } catch {
          // Nobody awaits this turn: a reader whose write throws is let go (it resumes), not the process.
          reader.refused = true;
          reader.wake?.();
        }
      }
      setImmediate(turn);
    };
    turn();
  }

  function publish(group: Group<E>, event: LoggedEvent<E>): void {
    group.queue.push(event);
    if (!group.draining) drain(group);
  }

  function join(key: StreamKey, reader: Reader): () => void {
    const name = streamKeySuffix(key);
    let group = groups.get(name);
    if (!group) {
      const created: Group<E> = {
        readers: new Set(),
        unsubscribe: () => {},
        previousId: undefined,
        queue: [],
        draining: false,
      };
      created.unsubscribe = log.subscribe(key, (event) => publish(created, event));
      groups.set(name, created);
      group = created;
    }
    const joined = group;
    joined.readers.add(reader);
    return () => {
      joined.readers.delete(reader);
      if (joined.readers.size > 0 || groups.get(name) !== joined) return;
      groups.delete(name);
      joined.unsubscribe();
    };
  }

  /** Replays from the log until the reader has every stored event, then flushes what arrived live. */
  async function catchUp(key: StreamKey, reader: Reader, signal: AbortSignal): Promise<void> {
    for (;;) {
      reader.overflowed = false;
      for (;;) {
        const page = await log.readAfter(key, reader.lastId, pageSize);
        for (const event of page) {
          if (signal.aborted || reader.refused) return;
          if (isNew(reader, event.id)) write(reader, event, frame(event));
        }
        if (page.length < pageSize || signal.aborted) break;
      }
      if (signal.aborted || reader.refused) return;
      if (reader.overflowed) {
        reader.pending = [];
        continue;
      }
      // No await from here on: events published meanwhile are still pending, none are missed.
      const pending = reader.pending ?? [];
      reader.pending = null;
      for (const event of pending as LoggedEvent<E>[]) {
        if (reader.refused) return;
        if (isNew(reader, event.id)) write(reader, event, frame(event));
      }
      return;
    }
  }

  return {
    async deliver(key, afterId, sink, signal) {
      if (afterId !== undefined) assertEventId(afterId, "lastEventId");
      if (signal.aborted) return "stopped";
      const reader: Reader = { sink, lastId: afterId, pending: [], overflowed: false, refused: false };
      const leave = join(key, reader);
      const ended = new Promise<void>((resolve) => {
        reader.wake = () => {
          if (reader.refused || signal.aborted) resolve();
        };
      });
      const onAbort = () => reader.wake?.();
      signal.addEventListener("abort", onAbort, { once: true });
      try {
        await catchUp(key, reader, signal);
        if (!signal.aborted && !reader.refused) await ended;
        return reader.refused ? "behind" : "stopped";
      } finally {
        signal.removeEventListener("abort", onAbort);
        leave();
      }
    },
  };
}
