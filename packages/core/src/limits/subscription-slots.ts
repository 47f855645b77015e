import { RateLimitedError } from "../errors.ts";

export interface SubscriptionCaps {
  perUser: number;
  /** All users and keys of one tenant together: one tenant cannot take the whole server's streams. */
  perTenant: number;
  perProcess: number;
}

/** Whose stream takes a slot. */
export interface StreamHolder {
  userId: string;
  tenantId: string;
}

/** Open long-lived streams, counted per user, per tenant and for the whole process. */
export interface SubscriptionSlots {
  /** Takes a slot for `holder`, or throws RateLimitedError when a cap is reached; returns its release. */
  acquire(holder: StreamHolder): () => void;
  /** Slots taken right now. */
  readonly open: number;
}

// A stream usually ends within seconds of a page being left; suggest a retry on that scale.
const retryAfterSeconds = 10;

/** Slots held per key, up to `cap` each. */
function countedBy(cap: number, refusal: string) {
  const held = new Map<string, number>();
  return {
    check(key: string) {
      if ((held.get(key) ?? 0) >= cap) throw new RateLimitedError(refusal, retryAfterSeconds);
    },
    take(key: string) {
      held.set(key, (held.get(key) ?? 0) + 1);
    },
    give(key: string) {
      const left = (held.get(key) ?? 1) - 1;
      if (left > 0) held.set(key, left);
      else held.delete(key);
    },
  };
}

/** Every open stream holds memory, a timer and a share of each event's writes: caps bound them. */
export function createSubscriptionSlots(caps: SubscriptionCaps): SubscriptionSlots {
  const byTenant = countedBy(caps.perTenant, `${caps.perTenant} open progress streams per tenant`);
  const byUser = countedBy(caps.perUser, `${caps.perUser} open progress streams per user`);
  let open = 0;
  return {
    acquire({ userId, tenantId }) {
      if (open >= caps.perProcess) {
        throw new RateLimitedError(`${caps.perProcess} open progress streams per server`, retryAfterSeconds);
      }
      byTenant.check(tenantId);
      byUser.check(userId);
      byTenant.take(tenantId);
      byUser.take(userId);
      open += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        open -= 1;
        byTenant.give(tenantId);
        byUser.give(userId);
      };
    },
    get open() {
      return open;
    },
  };
}
