import { currentLogFields, type LogFields } from "@jeex/core/log-context";
import { isSpanContextValid, trace } from "@opentelemetry/api";

export interface LogCorrelation extends LogFields {
  trace_id?: string;
  span_id?: string;
}

/**
 * pino mixin: the active span's trace_id and span_id (present only while the SDK records), and the
 * request_id, tenant_id and project_id of the request or job being handled, where known.
 */
export function logCorrelation(): LogCorrelation {
  // Always a new object: pino merges the line's own fields into whatever the mixin returns.
  const correlation: LogCorrelation = { ...currentLogFields() };
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) {
    correlation.trace_id = spanContext.traceId;
    correlation.span_id = spanContext.spanId;
  }
  return correlation;
}
