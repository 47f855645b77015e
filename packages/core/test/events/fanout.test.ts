import { countEventLoopTurns } from "@jeex/db/testing";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { createEventFanout, type FrameSink } from "../../src/events/fanout.ts";
import type { EventLog, LoggedEvent, StreamKey } from "../../src/events/port.ts";
import {
  type EventLogHarness,
  memoryHarness,
  newKey,
  redisHarness,
  type TestEvent,
} from "./support/adapters.ts";

const harnesses: EventLogHarness[] = [memoryHarness(), redisHarness()];
const waitLong = { timeout: 15_000, interval: 10 };
const encoder = new TextEncoder();
const decoder = new TextDecoder();

afterAll(async () => {
  await Promise.all(harnesses.map((harness) => harness.dispose()));
});

/** Frames as `id n`, counting how often framing ran. */
function countingFrame() {
  const framed = { count: 0 };
  const frame = (event: LoggedEvent<TestEvent>) => {
    framed.count += 1;
    return encoder.encode(`${event.id} ${event.event.n}`);
  };
  return { framed, frame };
}

/** A reader that records the numbers it got; `refuseAfter` frames later it says it is behind. */
function recordingSink(refuseAfter = Number.POSITIVE_INFINITY) {
  const got: number[] = [];
  const ids: string[] = [];
  const sink: FrameSink = {
    write(frame) {
      const [id = "", n = ""] = decoder.decode(frame).split(" ");
      ids.push(id);
      got.push(Number(n));
      return got.length < refuseAfter;
    },
  };
  return { got, ids, sink };
}

const numbers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe.each(harnesses)("event fan-out on the $name event log", (harness) => {
  afterEach(() => harness.cleanup());

  async function append(log: EventLog<TestEvent>, key: StreamKey, from: number, to: number) {
    const ids: string[] = [];
    for (let n = from; n <= to; n++) ids.push(await log.append(key, { n }));
    return ids;
  }

  it("replays the log, then goes on with live events, framing each live event once for every reader", async () => {
    const log = harness.create();
    const key = newKey();
    await append(log, key, 1, 3);
    const { framed, frame } = countingFrame();
    const fanout = createEventFanout(log, frame);
    const stop = new AbortController();
    const readers = [recordingSink(), recordingSink(), recordingSink()];
    const delivering = readers.map((reader) => fanout.deliver(key, undefined, reader.sink, stop.signal));
    await vi.waitFor(() => {
      for (const reader of readers) expect(reader.got).toEqual([1, 2, 3]);
    }, waitLong);
    const framedWhileReplaying = framed.count;
    await append(log, key, 4, 6);
    await vi.waitFor(() => {
      for (const reader of readers) expect(reader.got).toEqual(numbers(1, 6));
    }, waitLong);
    expect(framed.count - framedWhileReplaying).toBe(3);
    stop.abort();
    await expect(Promise.all(delivering)).resolves.toEqual(["stopped", "stopped", "stopped"]);
  });

  it("readers resuming from different ids while appends race them each get every later event once, in order", async () => {
    const log = harness.create();
    const key = newKey();
    const ids = await append(log, key, 1, 20);
    // Slices of 3 readers: live events are still being written out while the next ones arrive.
    const fanout = createEventFanout(log, countingFrame().frame, { replayPageSize: 7, sliceSize: 3 });
    const stop = new AbortController();
    const resumes = [undefined, ids[4], ids[12], ids[19]];
    const readers = resumes.map(() => recordingSink());
    const appending = append(log, key, 21, 220);
    const delivering = resumes.map((afterId, i) =>
      fanout.deliver(key, afterId, readers[i]?.sink as FrameSink, stop.signal),
    );
    await appending;
    await vi.waitFor(() => {
      for (const reader of readers) expect(reader.got.at(-1)).toBe(220);
    }, waitLong);
    expect(readers.map((reader) => reader.got)).toEqual([
      numbers(1, 220),
      numbers(6, 220),
      numbers(14, 220),
      numbers(21, 220),
    ]);
    stop.abort();
    await Promise.all(delivering);
  });

  it("a reader whose catch-up overflows its pending events reads them from the log instead", async () => {
    const log = harness.create();
    const key = newKey();
    await append(log, key, 1, 5);
    // The first replay read answers what the log held at first (1-5), but only once 60 live
    // events have arrived meanwhile: far more than maxPending, so they must be read again.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reads = 0;
    const slowLog: EventLog<TestEvent> = {
      ...log,
      async readAfter(k, afterId, limit) {
        reads += 1;
        const page = await log.readAfter(k, afterId, limit);
        if (reads === 1) await released;
        return page;
      },
    };
    const fanout = createEventFanout(slowLog, countingFrame().frame, { maxPending: 5 });
    const reader = recordingSink();
    const stop = new AbortController();
    const delivering = fanout.deliver(key, undefined, reader.sink, stop.signal);
    await append(log, key, 6, 65);
    release();
    await vi.waitFor(() => expect(reader.got.at(-1)).toBe(65), waitLong);
    expect(reader.got).toEqual(numbers(1, 65));
    expect(reads).toBeGreaterThanOrEqual(2);
    stop.abort();
    await delivering;
  });

  it("drops a reader that says it is behind ('behind'), and the others go on", async () => {
    const log = harness.create();
    const key = newKey();
    const fanout = createEventFanout(log, countingFrame().frame);
    const stop = new AbortController();
    const slow = recordingSink(2);
    const fast = recordingSink();
    const slowDelivery = fanout.deliver(key, undefined, slow.sink, stop.signal);
    const fastDelivery = fanout.deliver(key, undefined, fast.sink, stop.signal);
    await append(log, key, 1, 5);
    await expect(slowDelivery).resolves.toBe("behind");
    await vi.waitFor(() => expect(fast.got).toEqual(numbers(1, 5)), waitLong);
    expect(slow.got).toEqual([1, 2]);
    stop.abort();
    await expect(fastDelivery).resolves.toBe("stopped");
  });

  it("holds one log subscription per project while anyone reads it, and none after", async () => {
    const log = harness.create();
    const subscribe = vi.spyOn(log, "subscribe");
    const key = newKey();
    const fanout = createEventFanout(log, countingFrame().frame);
    const stops = [new AbortController(), new AbortController()];
    const delivering = stops.map((stop) => fanout.deliver(key, undefined, recordingSink().sink, stop.signal));
    expect(subscribe).toHaveBeenCalledTimes(1);
    for (const stop of stops) stop.abort();
    await Promise.all(delivering);
    const later = new AbortController();
    const again = fanout.deliver(key, undefined, recordingSink().sink, later.signal);
    expect(subscribe).toHaveBeenCalledTimes(2);
    later.abort();
    await expect(again).resolves.toBe("stopped");
  });

  it("keeps tenants and projects apart", async () => {
    const log = harness.create();
    const key = newKey();
    const otherTenant = { ...newKey(), projectId: key.projectId };
    const fanout = createEventFanout(log, countingFrame().frame);
    const stop = new AbortController();
    const mine = recordingSink();
    const theirs = recordingSink();
    const delivering = [
      fanout.deliver(key, undefined, mine.sink, stop.signal),
      fanout.deliver(otherTenant, undefined, theirs.sink, stop.signal),
    ];
    await append(log, key, 1, 3);
    await append(log, otherTenant, 100, 100);
    await vi.waitFor(() => expect(theirs.got).toEqual([100]), waitLong);
    expect(mine.got).toEqual([1, 2, 3]);
    stop.abort();
    await Promise.all(delivering);
  });

  it("writes a live event to many readers a slice per turn of the event loop, each once and in order", async () => {
    const log = harness.create();
    const key = newKey();
    const { framed, frame } = countingFrame();
    const fanout = createEventFanout(log, frame, { sliceSize: 4 });
    const stop = new AbortController();
    const readers = Array.from({ length: 10 }, () => recordingSink());
    const delivering = readers.map((reader) => fanout.deliver(key, undefined, reader.sink, stop.signal));
    await append(log, key, 1, 1);
    await vi.waitFor(() => {
      for (const reader of readers) expect(reader.got).toEqual([1]);
    }, waitLong);

    // Which turn of the event loop each reader's copy of event 2 was written in.
    const turns = countEventLoopTurns();
    const turnsOf: number[] = [];
    for (const reader of readers) {
      const write = reader.sink.write.bind(reader.sink);
      reader.sink.write = (frameBytes) => {
        turnsOf.push(turns.now());
        return write(frameBytes);
      };
    }
    const framedBefore = framed.count;
    await append(log, key, 2, 3);
    await vi.waitFor(() => {
      for (const reader of readers) expect(reader.got).toEqual([1, 2, 3]);
    }, waitLong);
    turns.stop();
    // 10 readers in slices of 4: each event is written over three turns, not all in one.
    const turnsForEvent2 = new Set(turnsOf.slice(0, 10));
    expect(turnsForEvent2.size).toBeGreaterThanOrEqual(3);
    expect(framed.count - framedBefore).toBe(2);
    stop.abort();
    await Promise.all(delivering);
  });

  it("rejects a lastEventId that is not an event id", async () => {
    const fanout = createEventFanout(harness.create(), countingFrame().frame);
    await expect(
      fanout.deliver(newKey(), "1234", recordingSink().sink, new AbortController().signal),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });
});
