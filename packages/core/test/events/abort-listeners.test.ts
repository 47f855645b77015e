import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { abortListeners } from "../../src/events/abort-listeners.ts";

describe("listeners of a long-lived signal", () => {
  it("each registered listener runs once when the signal aborts; unregistered ones do not", () => {
    const controller = new AbortController();
    const onAbort = abortListeners(controller.signal);
    const calls: string[] = [];
    onAbort(() => calls.push("a"));
    const unregister = onAbort(() => calls.push("b"));
    onAbort(() => calls.push("c"));
    unregister();
    controller.abort();
    controller.abort();
    expect(calls).toEqual(["a", "c"]);
  });

  it("a listener registered after the abort runs at once", () => {
    const controller = new AbortController();
    const onAbort = abortListeners(controller.signal);
    controller.abort();
    let ran = 0;
    onAbort(() => ran++)();
    expect(ran).toBe(1);
  });

  it("holds many listeners in one place, not on the signal", () => {
    const controller = new AbortController();
    const onAbort = abortListeners(controller.signal);
    const unregisters = Array.from({ length: 10_000 }, () => onAbort(() => {}));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    for (const unregister of unregisters) unregister();
    // One listener of its own on the signal, however many streams came and went.
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
  });
});
