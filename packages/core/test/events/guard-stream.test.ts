import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../../src/errors.ts";
import { guardStream } from "../../src/events/guard-stream.ts";
import { createSharedChecks } from "../../src/events/shared-checks.ts";
import { createSubscriptionSlots } from "../../src/limits/subscription-slots.ts";

/** A run that ticks every `everyMs` until its signal aborts, then resolves how many ticks it saw. */
function ticking(everyMs: number) {
  const state = { stopped: false, ticks: 0 };
  const run = async (signal: AbortSignal) => {
    while (!signal.aborted) {
      state.ticks += 1;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    state.stopped = true;
    return "source-ended" as const;
  };
  return { run, state };
}

describe("guarded streams", () => {
  it("end with the failed check's error, and stop their source", async () => {
    const source = ticking(5);
    let checks = 0;
    const guarded = guardStream(source.run, {
      signal: new AbortController().signal,
      recheckAccess: async () => {
        checks += 1;
        if (checks === 3) throw new ForbiddenError("gone");
      },
      recheckIntervalMs: 20,
      maxLifetimeMs: 60_000,
    });
    await expect(guarded).rejects.toBeInstanceOf(ForbiddenError);
    expect(checks).toBe(3);
    expect(source.state.stopped).toBe(true);
  });

  it("return 'lifetime' after their lifetime, 'stopped' when the caller aborts, else what the run said", async () => {
    const source = ticking(5);
    const lived = await guardStream(source.run, {
      signal: new AbortController().signal,
      recheckAccess: async () => undefined,
      recheckIntervalMs: 1000,
      maxLifetimeMs: 100,
    });
    expect(lived).toBe("lifetime");
    expect(source.state.ticks).toBeGreaterThan(3);
    expect(source.state.stopped).toBe(true);

    const caller = new AbortController();
    setTimeout(() => caller.abort(), 50);
    const stopped = await guardStream(ticking(5).run, {
      signal: caller.signal,
      recheckAccess: async () => undefined,
      recheckIntervalMs: 1000,
      maxLifetimeMs: 60_000,
    });
    expect(stopped).toBe("stopped");

    const byItself = await guardStream(async () => "behind" as const, {
      signal: new AbortController().signal,
      recheckAccess: async () => undefined,
      recheckIntervalMs: 1000,
      maxLifetimeMs: 60_000,
    });
    expect(byItself).toBe("behind");
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
  const holder = (userId: string, tenantId = `tenant-of-${userId}`) => ({ userId, tenantId });

  it("cap per user and per process, and give slots back once", () => {
    const slots = createSubscriptionSlots({ perUser: 2, perTenant: 10, perProcess: 3 });
    const a1 = slots.acquire(holder("a"));
    slots.acquire(holder("a"));
    expect(() => slots.acquire(holder("a"))).toThrow(/2 open progress streams per user/);
    slots.acquire(holder("b"));
    expect(() => slots.acquire(holder("c"))).toThrow(/3 open progress streams per server/);
    a1();
    a1();
    expect(slots.open).toBe(2);
    slots.acquire(holder("c"));
    expect(() => slots.acquire(holder("d"))).toThrow(/per server/);
  });

  it("cap one tenant's users and keys together, leaving other tenants their room", () => {
    const slots = createSubscriptionSlots({ perUser: 2, perTenant: 3, perProcess: 10 });
    const first = slots.acquire(holder("a", "t1"));
    slots.acquire(holder("b", "t1"));
    slots.acquire(holder("c", "t1"));
    expect(() => slots.acquire(holder("d", "t1"))).toThrow(/3 open progress streams per tenant/);
    // Refused streams take nothing: the user still has both slots elsewhere, other tenants theirs.
    slots.acquire(holder("e", "t2"));
    slots.acquire(holder("e", "t2"));
    expect(slots.open).toBe(5);
    first();
    slots.acquire(holder("d", "t1"));
    expect(slots.open).toBe(5);
  });
});
