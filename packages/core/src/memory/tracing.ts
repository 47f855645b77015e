import { type Attributes, type Span, SpanStatusCode, trace } from "@opentelemetry/api";

/** Without an OpenTelemetry SDK registered these spans are no-ops. */
const tracer = trace.getTracer("jeex-memory");

/** One span around an embedding or vector-store operation; a thrown error marks it failed. */
export function traceMemory<T>(
  name: string,
  attributes: Attributes,
  run: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await run(span);
    } catch (error) {
      if (error instanceof Error) span.recordException(error);
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : String(error),
      });
      throw error;
    } finally {
      span.end();
    }
  });
}
