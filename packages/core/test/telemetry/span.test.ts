import {
  type Context,
  context,
  createContextKey,
  type Span,
  type SpanOptions,
  type SpanStatus,
  SpanStatusCode,
  type Tracer,
} from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { inSpan } from "../../src/telemetry/span.ts";

interface Recorded {
  name: string;
  options: SpanOptions;
  parent: Context;
  status?: SpanStatus;
  exceptions: unknown[];
  ended: number;
}

/** A tracer that keeps what inSpan did to each span (no SDK is a dependency of core). */
function recordingTracer() {
  const spans: Recorded[] = [];
  const startActiveSpan = (
    name: string,
    options: SpanOptions,
    parent: Context,
    fn: (span: Span) => unknown,
  ) => {
    const recorded: Recorded = { name, options, parent, exceptions: [], ended: 0 };
    spans.push(recorded);
    const span = {
      setStatus(status: SpanStatus) {
        recorded.status = status;
        return span;
      },
      recordException(exception: unknown) {
        recorded.exceptions.push(exception);
      },
      end() {
        recorded.ended++;
      },
    } as unknown as Span;
    return fn(span);
  };
  return { tracer: { startActiveSpan } as unknown as Tracer, spans };
}

describe("inSpan", () => {
  it("returns the result and ends the span once, without touching its status", async () => {
    const { tracer, spans } = recordingTracer();
    const result = await inSpan(tracer, "work", { attributes: { "jeex.n": 1 } }, async () => 42);
    expect(result).toBe(42);
    expect(spans).toMatchObject([{ name: "work", options: { attributes: { "jeex.n": 1 } }, ended: 1 }]);
    expect(spans[0]?.status).toBeUndefined();
    expect(spans[0]?.exceptions).toEqual([]);
  });

  it("records a thrown error as an exception and an ERROR status with its message, ends the span and rethrows", async () => {
    const { tracer, spans } = recordingTracer();
    const failure = new Error("endpoint down");
    await expect(
      inSpan(tracer, "work", {}, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(spans[0]).toMatchObject({
      status: { code: SpanStatusCode.ERROR, message: "endpoint down" },
      exceptions: [failure],
      ended: 1,
    });
  });

  it("marks a thrown non-Error failed without an exception event", async () => {
    const { tracer, spans } = recordingTracer();
    await expect(inSpan(tracer, "work", {}, () => Promise.reject("plain text"))).rejects.toBe("plain text");
    expect(spans[0]).toMatchObject({
      status: { code: SpanStatusCode.ERROR, message: "plain text" },
      exceptions: [],
      ended: 1,
    });
  });

  it("starts under the given parent, else the active context; the parent is not a span option", async () => {
    const { tracer, spans } = recordingTracer();
    const parent = context.active().setValue(createContextKey("test"), "job");
    await inSpan(tracer, "child", { kind: 4, parent }, async () => undefined);
    await inSpan(tracer, "plain", {}, async () => undefined);
    expect(spans[0]?.parent).toBe(parent);
    expect(spans[0]?.options).toEqual({ kind: 4 });
    expect(spans[1]?.parent).toBe(context.active());
  });
});
