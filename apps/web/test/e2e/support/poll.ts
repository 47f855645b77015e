/**
 * Asks `read` every 250 ms until it answers something other than `undefined`, and returns that:
 * for waiting on what the worker does in the background (a run finishing). Throws `failure`
 * after `timeoutMs`; an error `read` throws ends the wait at once.
 */
export async function pollFor<T>(
  read: () => Promise<T | undefined>,
  failure: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = await read();
    if (answer !== undefined) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(failure);
}
