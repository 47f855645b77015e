import { assertEventId, compareEventIds, createEventIdClock } from "./event-ids.ts";
import type { EventLog, EventLogOptions, LoggedEvent, StreamKey } from "./port.ts";
import { streamKeySuffix } from "./stream-key.ts";

interface StoredEvent {
  id: string;
  /** Kept as JSON, like Redis stores it, so both adapters hand out the same shapes (no Dates, no shared objects). */
  json: string;
}

interface KeyState<E> {
  events: StoredEvent[];
  listeners: Set<(event: LoggedEvent<E>) => void>;
}

/** The embedded default: one process, bounded arrays per key, listeners called on append. */
export function createMemoryEventLog<E>(options: EventLogOptions<E> = {}): EventLog<E> {
  const maxLength = options.maxLength ?? 1000;
  const parse = options.parse ?? ((value: unknown) => value as E);
  const nextId = createEventIdClock();
  const keys = new Map<string, KeyState<E>>();
  let closed = false;

  const stateOf = (key: StreamKey): KeyState<E> => {
    const name = streamKeySuffix(key);
    let state = keys.get(name);
    if (!state) {
      state = { events: [], listeners: new Set() };
      keys.set(name, state);
    }
    return state;
  };

  const decode = (stored: StoredEvent): LoggedEvent<E> | undefined => {
    try {
      return { id: stored.id, event: parse(JSON.parse(stored.json)) };
    } catch (error) {
      options.log?.warn({ eventId: stored.id, err: error }, "skipping an event that does not parse");
      return undefined;
    }
  };

  const assertOpen = () => {
    if (closed) throw new Error("event log is closed");
  };

  return {
    async append(key, event) {
      assertOpen();
      const state = stateOf(key);
      const stored = { id: nextId(), json: JSON.stringify(event) };
      state.events.push(stored);
      if (state.events.length > maxLength) state.events.splice(0, state.events.length - maxLength);
      const logged = state.listeners.size > 0 ? decode(stored) : undefined;
      if (logged) {
        for (const listener of [...state.listeners]) {
          try {
            listener(logged);
          } catch (error) {
            options.log?.warn({ err: error }, "an event listener threw");
          }
        }
      }
      return stored.id;
    },

    async readAfter(key, afterId, limit = maxLength) {
      assertOpen();
      if (afterId !== undefined) assertEventId(afterId, "afterId");
      const events = keys.get(streamKeySuffix(key))?.events ?? [];
      const start =
        afterId === undefined ? 0 : events.findIndex((stored) => compareEventIds(stored.id, afterId) > 0);
      if (start === -1) return [];
      const page: LoggedEvent<E>[] = [];
      for (const stored of events.slice(start, start + limit)) {
        const logged = decode(stored);
        if (logged) page.push(logged);
      }
      return page;
    },

    subscribe(key, listener) {
      assertOpen();
      const listeners = stateOf(key).listeners;
      // Wrapped so the same function can be subscribed twice and unsubscribed independently.
      const entry = (event: LoggedEvent<E>) => listener(event);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },

    async close() {
      closed = true;
      for (const state of keys.values()) state.listeners.clear();
    },
  };
}
