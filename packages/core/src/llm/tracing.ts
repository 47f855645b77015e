import { type Attributes, type Span, trace } from "@opentelemetry/api";
import { inSpan } from "../telemetry/span.ts";
import { LlmError } from "./errors.ts";

const tracer = trace.getTracer("jeex-llm");

/**
 * One `llm.call` span per model call (retries included). `run` sets the token and outcome
 * attributes it knows; a thrown error is recorded with its stable code as the outcome.
 */
export function traceModelCall<T>(attributes: Attributes, run: (span: Span) => Promise<T>): Promise<T> {
  return inSpan(tracer, "llm.call", { attributes }, async (span) => {
    try {
      return await run(span);
    } catch (error) {
      span.setAttribute("llm.outcome", error instanceof LlmError ? error.code : "error");
      throw error;
    }
  });
}
