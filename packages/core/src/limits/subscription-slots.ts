import { RateLimitedError } from "../errors.ts";

export interface SubscriptionCaps {
  perUser: number;
  perProcess: number;
}

/** Open long-lived streams, counted per user and for the whole process. */
export interface SubscriptionSlots {
  /** Takes a slot for `userId`, or throws RateLimitedError when a cap is reached; returns its release. */
  acquire(userId: string): () => void;
  /** Slots taken right now. */
  readonly open: number;
}

// A stream usually ends within seconds of a page being left; suggest a retry on that scale.
const retryAfterSeconds = 10;

/** Every open stream holds memory, a timer and a place in the shared Redis read: caps bound them. */
export function createSubscriptionSlots(caps: SubscriptionCaps): SubscriptionSlots {
  const byUser = new Map<string, number>();
  let open = 0;
  return {
    acquire(userId) {
      if (open >= caps.perProcess) {
        throw new RateLimitedError(`${caps.perProcess} open progress streams per server`, retryAfterSeconds);
      }
      const held = byUser.get(userId) ?? 0;
      if (held >= caps.perUser) {
        throw new RateLimitedError(`${caps.perUser} open progress streams per user`, retryAfterSeconds);
      }
      byUser.set(userId, held + 1);
      open += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        open -= 1;
        const left = (byUser.get(userId) ?? 1) - 1;
        if (left > 0) byUser.set(userId, left);
        else byUser.delete(userId);
      };
    },
    get open() {
      return open;
    },
  };
}
