import { setTimeout as sleep } from "node:timers/promises";

/** Polls `read` until `check` holds for its value (indexing runs in the background); returns that value. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (performance.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 500)}`,
      );
    await sleep(50);
  }
}
