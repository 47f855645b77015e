import { PassThrough } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { countEventLoopTurns } from "@jeex/db/testing";
import { describe, expect, it, vi } from "vitest";
import { createSseBody, createStreamPings } from "../../src/sse-response.ts";

const encoder = new TextEncoder();

/** A stand-in for tRPC's SSE stream whose chunks the test pushes one by one. */
function pushedStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const cancelled = { value: false };
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      cancelled.value = true;
    },
  });
  return {
    stream,
    cancelled,
    async push(...chunks: string[]) {
      for (const chunk of chunks) {
        controller.enqueue(encoder.encode(chunk));
        await sleep(1);
      }
    },
  };
}

async function readAll(body: PassThrough): Promise<string> {
  let text = "";
  for await (const chunk of body) text += chunk.toString();
  return text;
}

/** The SSE body over a PassThrough standing in for the raw response; `unsent` plays the socket's backlog. */
function sseBody(pings = createStreamPings(60_000)) {
  const body = new PassThrough();
  return { body, ...createSseBody({ body, pings, reportFailure: () => {}, releaseTrpc: () => {} }) };
}

describe("a subscription's SSE body", () => {
  it("relays tRPC's frames whole, is taken over after the first, then carries only what is written", async () => {
    const { body, handover, relay } = sseBody();
    const trpc = pushedStream();
    const relaying = relay(trpc.stream);
    const text = readAll(body);
    let taken: boolean | undefined;
    const takingOver = handover.takeOver().then((value) => {
      taken = value;
    });
    await trpc.push("event: connected\n", 'data: {"reconnectAfterInactivityMs":40000}\n');
    expect(taken).toBeUndefined();
    await trpc.push("\n\n");
    await takingOver;
    expect(taken).toBe(true);
    // tRPC's later frames (its end of stream, once the procedure returned) are dropped.
    await trpc.push("event: return\n", "data: \n", "\n\n").catch(() => {});
    expect(trpc.cancelled.value).toBe(true);
    expect(handover.write(encoder.encode('data: {"n":1}\nid: 1-0\n\n\n'))).toBe(true);
    handover.end();
    await relaying;
    expect(await text).toBe(
      'event: connected\ndata: {"reconnectAfterInactivityMs":40000}\n\n\ndata: {"n":1}\nid: 1-0\n\n\n',
    );
  });

  it("says a reader is behind once what it has not taken passes 512 KiB", () => {
    const { body, handover } = sseBody();
    const frame = encoder.encode(`data: ${"x".repeat(1000)}\nid: 1-0\n\n\n`);
    expect(handover.write(frame)).toBe(true);
    // Nobody reads the body: what waits for the reader grows until it counts as behind.
    let keptUp = true;
    for (let i = 0; i < 600 && keptUp; i++) keptUp = handover.write(frame);
    expect(keptUp).toBe(false);
    body.destroy();
    expect(handover.write(frame)).toBe(false);
  });

  it("is not taken over when the response closed first, and says it closed", async () => {
    const { body, handover } = sseBody();
    body.destroy();
    await expect(handover.takeOver()).resolves.toBe(false);
    expect(handover.closed.aborted).toBe(true);
  });

  it("gets the shared pings once taken over, and none after its end", async () => {
    const pings = createStreamPings(20);
    const { body, handover, relay } = sseBody(pings);
    const trpc = pushedStream();
    void relay(trpc.stream);
    const text = readAll(body);
    await trpc.push("event: connected\ndata: {}\n", "\n\n");
    await handover.takeOver();
    await sleep(70);
    handover.end();
    const pinged = (await text).split("event: ping\ndata: \n\n\n").length - 1;
    expect(pinged).toBeGreaterThanOrEqual(2);
    expect(await text).toMatch(/^event: connected\ndata: \{\}\n\n\n(event: ping\ndata: \n\n\n)+$/);
  });

  it("pings many streams a slice per turn of the event loop, each once a round", async () => {
    const pings = createStreamPings(500, 4);
    const turns = countEventLoopTurns();
    const turnsOf = new Map<number, number[]>();
    const streams = Array.from({ length: 10 }, (_, index) => {
      const stream = new PassThrough();
      stream.on("data", () => turnsOf.set(index, [...(turnsOf.get(index) ?? []), turns.now()]));
      pings.add(stream);
      return stream;
    });
    await vi.waitFor(() => expect(turnsOf.size).toBe(10), { timeout: 3_000, interval: 10 });
    turns.stop();
    for (const stream of streams) pings.delete(stream);
    // One round: every stream once, 10 streams in slices of 4 over three turns, not all in one.
    expect([...turnsOf.values()].map((seen) => seen.length)).toEqual(Array(10).fill(1));
    expect(new Set([...turnsOf.values()].flat()).size).toBeGreaterThanOrEqual(3);
  });
});
