import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CliError } from "../src/errors.ts";
import { awaitOutcome } from "../src/events/await-outcome.ts";
import { listenOn } from "../src/events/listen-on.ts";
import type { ProjectEventStream } from "../src/events/project-events.ts";

/** A stream the test drives by hand. */
function fakeStream() {
  const reconnects = new Set<() => void>();
  const stream = {
    disconnectedSince: undefined as number | undefined,
    lastEventId: undefined,
    onEvent: listenOn(new Set<(event: ProgressEvent) => void>()),
    onReconnected: listenOn(reconnects),
    onFatal: () => () => {},
    close() {},
  } satisfies ProjectEventStream;
  return {
    stream,
    reconnect: () => {
      stream.disconnectedSince = undefined;
      for (const listener of reconnects) listener();
    },
  };
}

const never = new AbortController().signal;

describe("waiting for a step's end", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a step that ended while the stream was down is found by the check on reconnect", async () => {
    const { stream, reconnect } = fakeStream();
    stream.disconnectedSince = Date.now();
    let finished = false;
    const outcome = awaitOutcome({
      events: stream,
      signal: never,
      interruptedMessage: "",
      pollIntervalMs: 60_000,
      onEvent: () => undefined,
      check: async () => (finished ? "succeeded" : undefined),
    });
    finished = true; // the terminal event was sent while nobody listened
    reconnect();
    await expect(outcome).resolves.toBe("succeeded");
  });

  it("gives up with exit 7 when neither the stream nor the server answers", async () => {
    const { stream } = fakeStream();
    stream.disconnectedSince = Date.now();
    const outcome = awaitOutcome({
      events: stream,
      signal: never,
      interruptedMessage: "the about step continues on the server",
      pollIntervalMs: 10,
      lostAfterMs: 50,
      onEvent: () => undefined,
      check: () => Promise.reject(Object.assign(new Error("refused"), { code: "ECONNREFUSED" })),
    });
    await expect(outcome).rejects.toMatchObject({
      exitCode: 7,
      code: "CONNECTION_LOST",
    } satisfies Partial<CliError>);
  });

  it("keeps waiting while the stream is down but the server still answers the check", async () => {
    // Fake timers: on a loaded machine a real 10 ms tick can come 30 ms late and read as "lost".
    vi.useFakeTimers();
    const { stream } = fakeStream();
    stream.disconnectedSince = Date.now();
    let checks = 0;
    const outcome = awaitOutcome({
      events: stream,
      signal: never,
      interruptedMessage: "",
      pollIntervalMs: 10,
      lostAfterMs: 30,
      onEvent: () => undefined,
      check: async () => (++checks >= 8 ? "succeeded" : undefined),
    });
    // Eight checks, 80 ms of clock: far past lostAfterMs since the stream went down, yet answered.
    await vi.advanceTimersByTimeAsync(80);
    await expect(outcome).resolves.toBe("succeeded");
    expect(checks).toBe(8);
  });

  it("Ctrl-C ends the wait with exit 130 and says what keeps running", async () => {
    const { stream } = fakeStream();
    const interrupt = new AbortController();
    const outcome = awaitOutcome({
      events: stream,
      signal: interrupt.signal,
      interruptedMessage: "the plan step (execution x) continues on the server",
      onEvent: () => undefined,
      check: async () => undefined,
    });
    interrupt.abort();
    await expect(outcome).rejects.toMatchObject({
      exitCode: 130,
      message: "interrupted; the plan step (execution x) continues on the server",
    });
  });
});
