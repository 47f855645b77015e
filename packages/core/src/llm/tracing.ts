import { type Attributes, type Span, SpanStatusCode, trace } from "@opentelemetry/api";
import { LlmError } from "./errors.ts";

/** Without an OpenTelemetry SDK registered these spans are no-ops. */
const tracer = trace.getTracer("jeex-llm");

/**
 * One `llm.call` span per model call (retries included). `run` sets the token and outcome
 * attributes it knows; a thrown error is recorded with its stable code as the outcome.
 */
export function traceModelCall<T>(attributes: Attributes, run: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan("llm.call", { attributes }, async (span) => {
    try {
      return await run(span);
    } catch (error) {
      span.setAttribute("llm.outcome", error instanceof LlmError ? error.code : "error");
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
