/**
 * One pending wait per key: `wait(key, timeoutMs)` resolves true when `wake(key)` comes first,
 * false when the timeout does; either way the key is free again. A wake with nobody waiting is lost.
 */
export function keyedWaiters<Key>() {
  const waiters = new Map<Key, () => void>();
  return {
    wake: (key: Key) => waiters.get(key)?.(),
    wait: (key: Key, timeoutMs: number) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(key);
          resolve(false);
        }, timeoutMs);
        waiters.set(key, () => {
          clearTimeout(timer);
          waiters.delete(key);
          resolve(true);
        });
      }),
  };
}
