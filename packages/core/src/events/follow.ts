import { assertEventId, compareEventIds } from "./event-ids.ts";
import type { EventLog, LoggedEvent, StreamKey } from "./port.ts";

export interface FollowOptions {
  /** Events fetched per `readAfter` call while catching up. */
  replayPageSize?: number;
  /**
   * Live events held for a consumer that is not reading. Past this, the buffer is dropped and the
   * consumer catches up from the log instead, so a stalled client cannot grow memory without bound.
   */
  maxBuffered?: number;
}

/**
 * Every event after `afterId`, then live ones, each exactly once and in id order, until `signal` aborts.
 *
 * It listens before it replays: an event appended while the replay runs is buffered, and whatever
 * arrives both ways is dropped by comparing with the last id yielded. Resuming with the id of the
 * last event a client saw therefore misses nothing and repeats nothing (within the log's retention).
 */
export async function* follow<E>(
  log: EventLog<E>,
  key: StreamKey,
  afterId: string | undefined,
  signal: AbortSignal,
  options: FollowOptions = {},
): AsyncGenerator<LoggedEvent<E>, void, undefined> {
  if (afterId !== undefined) assertEventId(afterId, "lastEventId");
  if (signal.aborted) return;
  const pageSize = options.replayPageSize ?? 500;
  const maxBuffered = options.maxBuffered ?? 1000;

  let buffered: LoggedEvent<E>[] = [];
  let overflowed = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const unsubscribe = log.subscribe(key, (event) => {
    if (overflowed) return;
    if (buffered.length >= maxBuffered) {
      overflowed = true;
      buffered = [];
    } else {
      buffered.push(event);
    }
    notify();
  });
  signal.addEventListener("abort", notify);

  let lastId = afterId;
  const isNew = (id: string) => lastId === undefined || compareEventIds(id, lastId) > 0;
  try {
    let replaying = true;
    while (!signal.aborted) {
      if (replaying) {
        overflowed = false;
        for (;;) {
          const page = await log.readAfter(key, lastId, pageSize);
          for (const entry of page) {
            if (signal.aborted) return;
            if (!isNew(entry.id)) continue;
            yield entry;
            lastId = entry.id;
          }
          if (page.length < pageSize || signal.aborted) break;
        }
        replaying = false;
      } else if (overflowed) {
        replaying = true;
      } else if (buffered.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      } else {
        const batch = buffered;
        buffered = [];
        for (const entry of batch) {
          if (signal.aborted) return;
          if (!isNew(entry.id)) continue;
          yield entry;
          lastId = entry.id;
        }
      }
    }
  } finally {
    unsubscribe();
    signal.removeEventListener("abort", notify);
  }
}
