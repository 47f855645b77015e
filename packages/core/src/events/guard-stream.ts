/** Why a guarded stream ended without an error, when its source did not end it first. */
export type GuardedStreamEnd = "stopped" | "lifetime";

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
 * Runs `run(signal)` while access holds: every `recheckIntervalMs` access is checked again, and
 * the first failed check aborts the run and is thrown; after the lifetime the run is aborted and
 * the guard resolves "lifetime" (the caller lets its client resume from the last id), "stopped"
 * when the caller's signal ended it, else what `run` resolved by itself.
 */
export async function guardStream<R>(
  run: (signal: AbortSignal) => Promise<R>,
  options: StreamGuardOptions,
): Promise<R | GuardedStreamEnd> {
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
  let result: R;
  try {
    result = await run(inner.signal);
  } finally {
    clearInterval(recheck);
    clearTimeout(lifetime);
    options.signal.removeEventListener("abort", stop);
  }
  if (lost) throw lost.error;
  if (options.signal.aborted) return "stopped";
  return expired ? "lifetime" : result;
}
