/** Past this many entries, expired ones are swept before adding (IPv6 can bring many keys). */
const sweepAbove = 10_000;

/**
 * Keys marked until a moment, in this process's memory: IPs that spent their budget until their
 * window ends, credentials known to be bad. Lets a caller answer at once instead of asking the
 * store (or doing the guarded work) first.
 */
export class ExpiringKeys {
  readonly #until = new Map<string, number>();

  mark(key: string, msBeforeNext: number, now = Date.now()): void {
    if (this.#until.size >= sweepAbove) this.#sweep(now);
    this.#until.set(key, now + msBeforeNext);
  }

  /** Milliseconds until `key`'s mark ends; 0 when it is not marked. */
  msBeforeNext(key: string, now = Date.now()): number {
    const until = this.#until.get(key);
    if (until === undefined) return 0;
    if (until > now) return until - now;
    this.#until.delete(key);
    return 0;
  }

  #sweep(now: number): void {
    for (const [key, until] of this.#until) if (until <= now) this.#until.delete(key);
  }
}
