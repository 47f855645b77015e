/** Which log an event belongs to. Every stream name, channel and map key built from it carries both parts. */
export interface StreamKey {
  tenantId: string;
  projectId: string;
}

/** An event with its id in the log: Redis stream id format `ms-seq`, increasing within a key. */
export interface LoggedEvent<E> {
  id: string;
  event: E;
}

/** Port for progress events: an append-only, bounded, replayable log per tenant + project. */
export interface EventLog<E> {
  /** Stores the event (as JSON) and returns its id, greater than every id before it for this key. */
  append(key: StreamKey, event: E): Promise<string>;
  /** Events strictly after `afterId` (or the whole retained log when undefined), oldest first, up to `limit`. */
  readAfter(key: StreamKey, afterId: string | undefined, limit?: number): Promise<LoggedEvent<E>[]>;
  /**
   * Live events appended after the call (to this process or any other). Returns an unsubscribe function.
   * Across processes "after" is judged by id time, so an event from the very millisecond of the call
   * may be delivered too: consumers that need exactness compare ids (as the fan-out does).
   */
  subscribe(key: StreamKey, listener: (e: LoggedEvent<E>) => void): () => void;
  close(): Promise<void>;
}

/** Options both adapters share. */
export interface EventLogOptions<E> {
  /** Retained events per key; older ones are trimmed (the Redis adapter trims approximately). */
  maxLength?: number;
  /** Validates an event read back from storage (e.g. a zod schema's `parse`); events it rejects are skipped. */
  parse?: (value: unknown) => E;
  log?: EventLogLog;
}

/** A pino-compatible subset, so the host's logger can be passed as is. */
export interface EventLogLog {
  warn(details: Record<string, unknown>, message: string): void;
}
