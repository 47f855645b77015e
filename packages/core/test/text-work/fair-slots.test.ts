import { describe, expect, it } from "vitest";
import { createFairSlots, OwnerBacklogFullError } from "../../src/text-work/fair-slots.ts";

const never = new AbortController().signal;

describe("fair slots", () => {
  it("hand freed slots to waiting owners in turn, not in arrival order", async () => {
    const slots = createFairSlots(1, 100);
    const order: string[] = [];
    const first = await slots.acquire("a", never);
    // Owner a queues five tasks, then b and c one each.
    const waits = [
      ...["a1", "a2", "a3", "a4", "a5"].map((name) => ({ name, grant: slots.acquire("a", never) })),
      { name: "b1", grant: slots.acquire("b", never) },
      { name: "c1", grant: slots.acquire("c", never) },
    ];
    expect(slots.waiting).toBe(7);
    first();
    for (let served = 0; served < waits.length; served++) {
      const next = await Promise.race(
        waits
          .filter((w) => !order.includes(w.name))
          .map((w) => w.grant.then((release) => ({ ...w, release }))),
      );
      order.push(next.name);
      next.release();
    }
    expect(order).toEqual(["a1", "b1", "c1", "a2", "a3", "a4", "a5"]);
    expect(slots.waiting).toBe(0);
  });

  it("refuse an owner past its share of the waiting, while others still queue", async () => {
    const slots = createFairSlots(1, 2);
    await slots.acquire("a", never);
    void slots.acquire("a", never);
    void slots.acquire("a", never);
    await expect(slots.acquire("a", never)).rejects.toBeInstanceOf(OwnerBacklogFullError);
    void slots.acquire("b", never);
    expect(slots.waiting).toBe(3);
  });

  it("drop a waiter whose signal aborts, and count a release given twice once", async () => {
    const slots = createFairSlots(1, 10);
    const held = await slots.acquire("a", never);
    const cancel = new AbortController();
    const cancelled = slots.acquire("a", cancel.signal);
    const kept = slots.acquire("b", never);
    cancel.abort(new Error("gone"));
    await expect(cancelled).rejects.toThrow("gone");
    expect(slots.waiting).toBe(1);
    held();
    held();
    const release = await kept;
    release();
    // One slot in all, free again: the next acquire is granted at once, the one after waits.
    const again = await slots.acquire("c", never);
    let granted = false;
    void slots.acquire("d", never).then(() => {
      granted = true;
    });
    await Promise.resolve();
    expect(granted).toBe(false);
    again();
  });
});
