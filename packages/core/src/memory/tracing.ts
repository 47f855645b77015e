import { type Attributes, type Span, trace } from "@opentelemetry/api";
import { inSpan } from "../telemetry/span.ts";

const tracer = trace.getTracer("jeex-memory");

/** One span around an embedding or vector-store operation; a thrown error marks it failed. */
export function traceMemory<T>(
  name: string,
  attributes: Attributes,
  run: (span: Span) => Promise<T>,
): Promise<T> {
  return inSpan(tracer, name, { attributes }, run);
}
