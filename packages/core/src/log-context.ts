import { AsyncLocalStorage } from "node:async_hooks";

/** Who a log line is about; the host's logger adds these to every line written inside `withLogFields`. */
export interface LogFields {
  request_id?: string;
  tenant_id?: string;
  project_id?: string;
}

// AsyncLocalStorage rather than a child logger on ctx: the code that logs (repositories' callers,
// the queue, the event log) gets a logger at start-up and knows nothing about the request.
const store = new AsyncLocalStorage<LogFields>();

/** Runs `work` with these fields (merged over any already set) on every log line it writes. */
export function withLogFields<T>(fields: LogFields, work: () => T): T {
  const outer = store.getStore();
  return store.run(outer ? { ...outer, ...fields } : fields, work);
}

export function currentLogFields(): LogFields | undefined {
  return store.getStore();
}
