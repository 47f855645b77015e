import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../../src/errors.ts";
import { guardStream } from "../../src/events/guard-stream.ts";
import { createSharedChecks } from "../../src/events/shared-checks.ts";
import { createSubscriptionSlots } from "../../src/limits/subscription-slots.ts";

/** A source that yields 0, 1, 2, … every `everyMs` until its signal aborts; records that it was stopped. */
function ticking(everyMs: number) {
  const state = { stopped: false };
  const open = async function* (signal: AbortSignal) {
    for (let n = 0; !signal.aborted; n++) {
      yield n;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    state.stopped = true;
  };
  return { open, state };
}

async function drain<T, R>(generator: AsyncGenerator<T, R>): Promise<{ items: T[]; result: R }> {
  const items: T[] = [];
  for (;;) {
    const step = await generator.next();
    if (step.done) return { items, result: step.value };
    items.push(step.value);
  }
}

describe("guarded streams", () => {
  it("end with the failed check's error, and stop their source", async () => {
    const source = ticking(5);
    let checks = 0;
    const guarded = guardStream(source.open, {
      signal: new AbortController().signal,
      recheckAccess: async () => {
        checks += 1;
        if (checks === 3) throw new ForbiddenError("gone");
      },
      recheckIntervalMs: 20,
      maxLifetimeMs: 60_000,
    });
    await expect(drain(guarded)).rejects.toBeInstanceOf(ForbiddenError);
    expect(checks).toBe(3);
    expect(source.state.stopped).toBe(true);
  });

  it("return 'lifetime' after their lifetime, and 'stopped' when the caller aborts", async () => {
    const lived = await drain(
      guardStream(ticking(5).open, {
        signal: new AbortController().signal,
        recheckAccess: async () => undefined,
        recheckIntervalMs: 1000,
        maxLifetimeMs: 100,
      }),
    );
    expect(lived.result).toBe("lifetime");
    expect(lived.items.length).toBeGreaterThan(3);

    const caller = new AbortController();
    setTimeout(() => caller.abort(), 50);
    const stopped = await drain(
      guardStream(ticking(5).open, {
        signal: caller.signal,
        recheckAccess: async () => undefined,
        recheckIntervalMs: 1000,
        maxLifetimeMs: 60_000,
      }),
    );
    expect(stopped.result).toBe("stopped");
  });
});

describe("shared checks", () => {
  it("run once per key while an answer is fresh, and again once it is not", async () => {
    const shared = createSharedChecks(50);
    let runs = 0;
    const check = async () => {
      runs += 1;
    };
    await Promise.all([shared("a", check), shared("a", check), shared("b", check)]);
    expect(runs).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await shared("a", check);
    expect(runs).toBe(3);
  });
});

describe("subscription slots", () => {
  it("cap per user and per process, and give slots back once", () => {
    const slots = createSubscriptionSlots({ perUser: 2, perProcess: 3 });
    const a1 = slots.acquire("a");
    slots.acquire("a");
    expect(() => slots.acquire("a")).toThrow(/2 open progress streams per user/);
    slots.acquire("b");
    expect(() => slots.acquire("c")).toThrow(/3 open progress streams per server/);
    a1();
    a1();
    expect(slots.open).toBe(2);
    slots.acquire("c");
    expect(() => slots.acquire("d")).toThrow(/per server/);
  });
});
