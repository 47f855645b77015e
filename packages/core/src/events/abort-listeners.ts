/**
 * Listeners of one long-lived signal (the server's drain) that come and go with short-lived
 * things (each progress stream): kept in a Set, because an AbortSignal's own addEventListener
 * looks for a duplicate through every listener it has, and opening 10,000 streams cost O(n²).
 */
export function abortListeners(signal: AbortSignal) {
  const listeners = new Set<() => void>();
  signal.addEventListener(
    "abort",
    () => {
      for (const listener of listeners) listener();
      listeners.clear();
    },
    { once: true },
  );
  /** Calls `listener` once `signal` aborts (at once if it has); the returned function unregisters it. */
  return function onAbort(listener: () => void): () => void {
    if (signal.aborted) {
      listener();
      return () => {};
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
}

export type OnAbort = ReturnType<typeof abortListeners>;
