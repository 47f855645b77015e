/**
 * One answer per key for `ttlMs`: streams opened with the same credential on the same project
 * share their periodic access check instead of each asking the database (thousands of watchers of
 * one project cost one check per interval). A failed check is shared too, then forgotten.
 */
export function createSharedChecks(ttlMs: number) {
  const recent = new Map<string, Promise<void>>();
  return function sharedCheck(key: string, check: () => Promise<void>): Promise<void> {
    const known = recent.get(key);
    if (known) return known;
    const running = check();
    recent.set(key, running);
    const forget = () => {
      setTimeout(() => {
        if (recent.get(key) === running) recent.delete(key);
      }, ttlMs).unref();
    };
    running.then(forget, forget);
    return running;
  };
}

/** An answer is shared for a quarter of the recheck interval at most: a revocation shows within 1.25 intervals. */
export const sharedCheckTtlFor = (recheckMs: number) => Math.min(1000, Math.floor(recheckMs / 4));

export type SharedChecks = ReturnType<typeof createSharedChecks>;
