import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Writable } from "node:stream";
import type { SseHandover } from "@jeex/trpc/context";
import { SSE_PING_FRAME } from "@jeex/trpc/progress-frames";

/**
 * How much a reader may have unsent (buffered for its socket) before it counts as behind and its
 * stream ends; its client resumes from the last id it got. A few thousand progress events.
 */
const MAX_UNSENT_BYTES = 512 * 1024;

const NEWLINE = 0x0a;

/** One timer pings every open stream that tRPC no longer runs (it pinged its own). */
export function createStreamPings(intervalMs: number, sliceSize = 256) {
  const open = new Map<Writable, WriteFrame>();
  let timer: NodeJS.Timeout | undefined;
  // A slice of the streams a turn of the event loop: one pass over 10,000 streams stalled every
  // request for 160-350 ms each interval (the fan-out bench's worst deliveries, 15 s apart).
  const pingAll = () => {
    const writers = open.values();
    const turn = () => {
      for (let written = 0; written < sliceSize; written++) {
        const next = writers.next();
        if (next.done) return;
        next.value(SSE_PING_FRAME);
      }
      setImmediate(turn);
    };
    turn();
  };
  return {
    /** `write` is how the body's frames go out (see `frameWriterOf`). */
    add(body: Writable, write: WriteFrame = (frame) => body.write(frame)) {
      open.set(body, write);
      timer ??= setInterval(pingAll, intervalMs).unref();
    },
    delete(body: Writable) {
      open.delete(body);
      if (open.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    },
  };
}

export type StreamPings = ReturnType<typeof createStreamPings>;

/**
 * A subscription's SSE response body (the raw response: no stream in between). tRPC's stream is
 * relayed into it frame by frame (chunks are held until they end a frame) until the procedure
 * takes the response over, after its opening frame: from then on tRPC's stream is cancelled,
 * with all it holds per stream, and the body carries what `write` gets and the shared pings,
 * until `end`.
 */
export function createSseBody(options: {
  body: Writable;
  pings: StreamPings;
  reportFailure: (error: unknown) => void;
  /** Aborts tRPC's request once the stream is taken over, so that it lets go of what it holds. */
  releaseTrpc: () => void;
}) {
  const { body } = options;
  const closed = new AbortController();
  let markOpened: (open: boolean) => void = () => {};
  const opened = new Promise<boolean>((resolve) => {
    markOpened = resolve;
  });
  let taken = false;
  let cancelRelay: () => void = () => {};
  let writeFrame: WriteFrame = (frame) => body.write(frame);
  body.once("close", () => {
    markOpened(false);
    options.pings.delete(body);
    closed.abort();
    cancelRelay();
  });

  const handover: SseHandover = {
    closed: closed.signal,
    reportFailure: options.reportFailure,
    async takeOver() {
      if (!(await opened)) return false;
      taken = true;
      cancelRelay();
      options.releaseTrpc();
      compactSentHead(body);
      writeFrame = frameWriterOf(body);
      options.pings.add(body, writeFrame);
      return true;
    },
    write(frame) {
      if (body.destroyed || body.writableEnded) return false;
      writeFrame(frame);
      // A response's writableLength counts what its socket holds, so direct writes count too.
      return body.writableLength <= MAX_UNSENT_BYTES;
    },
    end() {
      options.pings.delete(body);
      body.end();
    },
  };

  /** Copies tRPC's stream into the body frame by frame until it ends or the stream is taken over. */
  async function relay(stream: ReadableStream<Uint8Array>): Promise<void> {
    const reader = stream.getReader();
    cancelRelay = () => {
      reader.cancel().catch(() => {});
    };
    let held: Uint8Array[] = [];
    let heldBytes = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || taken || body.destroyed) break;
        held.push(value);
        heldBytes += value.length;
        if (!endsFrame(value, held)) continue;
        body.write(held.length === 1 ? value : Buffer.concat(held, heldBytes));
        held = [];
        heldBytes = 0;
        markOpened(true);
      }
      if (!taken) body.end();
    } catch (error) {
      if (!taken) body.destroy(error as Error);
    }
  }

  return { handover, relay };
}

/**
 * Node keeps a response's head (`_header`) while the response is open, as the rope of strings it
 * was concatenated from: ~80 pieces, ~2.5 KB of heap for each open stream (a heap snapshot's
 * largest item per stream). The head has been sent; an equal flat copy lets the rope go.
 * Headers are latin1 on the wire, so the copy is exact.
 */
function compactSentHead(response: Writable) {
  const sent = response as Writable & { _header?: unknown };
  if (typeof sent._header === "string") sent._header = Buffer.from(sent._header, "latin1").toString("latin1");
}

type WriteFrame = (frame: Uint8Array) => void;

const CRLF = Buffer.from("\r\n");
// Each frame as an HTTP chunk, built once for all the streams it goes to (frames are shared).
const chunks = new WeakMap<Uint8Array, Buffer>();

function chunkOf(frame: Uint8Array): Buffer {
  let chunk = chunks.get(frame);
  if (!chunk) {
    chunk = Buffer.concat([Buffer.from(`${frame.length.toString(16)}\r\n`, "latin1"), frame, CRLF]);
    chunks.set(frame, chunk);
  }
  return chunk;
}

/**
 * How a taken-over stream's frames go out: straight to the socket as ready chunks when the
 * response is chunked and holds nothing unsent of its own (what it wrote is then in the socket's
 * queue, ahead of them). Through the response, each write was framed again and corked until the next
 * tick for every stream: about half the API's CPU per event at 5,000 streams. Anything else (a
 * test's plain Writable, an unchunked response) is written through as before.
 */
function frameWriterOf(body: Writable): WriteFrame {
  const response = body as Writable & {
    chunkedEncoding?: boolean;
    headersSent?: boolean;
    socket?: Socket | null;
  };
  const socket = response.socket;
  if (response.chunkedEncoding !== true || response.headersSent !== true || !socket) {
    return (frame) => body.write(frame);
  }
  // While the response still holds bytes of its own (its head can wait there for the socket),
  // frames go through it, behind them.
  return (frame) => {
    if (response.writableLength > socket.writableLength) body.write(frame);
    else socket.write(chunkOf(frame));
  };
}

/** A frame ends with a blank line: the bytes held so far end in two newlines. */
function endsFrame(last: Uint8Array, held: Uint8Array[]): boolean {
  const end = last.length;
  if (end >= 2) return last[end - 1] === NEWLINE && last[end - 2] === NEWLINE;
  if (end === 1 && last[0] === NEWLINE) {
    const before = held.at(-2);
    return before !== undefined && before[before.length - 1] === NEWLINE;
  }
  return false;
}

/**
 * What tRPC's request signal listens to instead of the response itself (its fetch adapter aborts
 * the request when the response closes before its end): the response's close, or `detach`. An
 * open stream taken over from tRPC detaches, and everything tRPC hung on that signal is let go
 * while the response stays open.
 */
export function detachableClose(response: ServerResponse) {
  const stand = new EventEmitter();
  Object.defineProperty(stand, "writableEnded", { get: () => response.writableEnded });
  const detach = () => {
    stand.emit("close");
  };
  response.once("close", detach);
  return { response: stand as unknown as ServerResponse, detach };
}
