/** Why a guarded stream ended without an error. */
export type GuardedStreamEnd = "source-ended" | "stopped" | "lifetime";

export interface StreamGuardOptions {
  /** Ends the stream from outside (client gone, server draining). */
  signal: AbortSignal;
  /** Throws when the stream's reader may no longer read it; the stream then ends with that error. */
  recheckAccess: () => Promise<void>;
  recheckIntervalMs: number;
  /** The stream ends (as "lifetime") this long after it opened, give or take 10 % so resumes spread out. */
  maxLifetimeMs: number;
}

/**
 * Relays `open(signal)` while access holds: every `recheckIntervalMs` access is checked again, and
 * the first failed check aborts the source and is thrown; after the lifetime the source is aborted
 * and the generator returns "lifetime" (the caller lets its client resume from the last id).
 */
export async function* guardStream<T>(
  open: (signal: AbortSignal) => AsyncIterable<T>,
  options: StreamGuardOptions,
): AsyncGenerator<T, GuardedStreamEnd, undefined> {
  if (options.signal.aborted) return "stopped";
  const inner = new AbortController();
  const stop = () => inner.abort();
  options.signal.addEventListener("abort", stop, { once: true });
  let lost: { error: unknown } | undefined;
  let expired = false;
  let checking = false;
  const recheck = setInterval(() => {
    if (checking || lost) return;
    checking = true;
    options
      .recheckAccess()
      .catch((error: unknown) => {
        lost ??= { error };
        inner.abort();
      })
      .finally(() => {
        checking = false;
      });
  }, options.recheckIntervalMs);
  const lifetime = setTimeout(
    () => {
      expired = true;
      inner.abort();
    },
    options.maxLifetimeMs * (0.9 + Math.random() * 0.1),
  );
  recheck.unref();
  lifetime.unref();
  try {
    for await (const item of open(inner.signal)) {
      if (lost || inner.signal.aborted) break;
      yield item;
    }
  } finally {
    clearInterval(recheck);
    clearTimeout(lifetime);
    options.signal.removeEventListener("abort", stop);
  }
  if (lost) throw lost.error;
  if (options.signal.aborted) return "stopped";
  return expired ? "lifetime" : "source-ended";
}
