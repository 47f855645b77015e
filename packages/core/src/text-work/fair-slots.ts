/** A waiting owner's backlog is past its share: it is refused rather than queued behind itself. */
export class OwnerBacklogFullError extends Error {}

type Waiter = (release: () => void) => void;

/**
 * `slots` permits to run, handed to waiting owners in turn (round-robin, first come first served
 * within an owner), so a tenant with a hundred tasks waiting delays another tenant's one task by
 * at most one task per slot, not by its whole backlog. Each owner may have at most `maxWaitingPerOwner`
 * waiting.
 */
export function createFairSlots(slots: number, maxWaitingPerOwner: number) {
  let free = slots;
  // Insertion order is the turn order: an owner served with more still waiting goes to the back.
  const waiting = new Map<string, Waiter[]>();
  let waitingCount = 0;

  function release() {
    const next = waiting.entries().next();
    if (next.done) {
      free += 1;
      return;
    }
    const [owner, queue] = next.value;
    const waiter = queue.shift() as Waiter;
    waiting.delete(owner);
    if (queue.length > 0) waiting.set(owner, queue);
    waitingCount -= 1;
    waiter(once(release));
  }

  return {
    /** Tasks waiting for a slot, over all owners. */
    get waiting() {
      return waitingCount;
    },
    /** Resolves with the slot's release once it is `owner`'s turn; rejects with `signal`'s reason if it aborts first. */
    acquire(owner: string, signal: AbortSignal): Promise<() => void> {
      if (signal.aborted) return Promise.reject(signal.reason);
      if (free > 0) {
        free -= 1;
        return Promise.resolve(once(release));
      }
      const queue = waiting.get(owner) ?? [];
      if (queue.length >= maxWaitingPerOwner) {
        return Promise.reject(new OwnerBacklogFullError(`${queue.length} tasks of this owner already wait`));
      }
      return new Promise((resolve, reject) => {
        const waiter: Waiter = (granted) => {
          signal.removeEventListener("abort", onAbort);
          resolve(granted);
        };
        const onAbort = () => {
          const own = waiting.get(owner);
          const index = own?.indexOf(waiter) ?? -1;
          if (own && index >= 0) {
            own.splice(index, 1);
            waitingCount -= 1;
            if (own.length === 0) waiting.delete(owner);
          }
          reject(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        queue.push(waiter);
        if (!waiting.has(owner)) waiting.set(owner, queue);
        waitingCount += 1;
      });
    },
  };
}

function once(release: () => void): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    release();
  };
}
