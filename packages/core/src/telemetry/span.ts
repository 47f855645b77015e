import {
  type Attributes,
  type Context,
  context,
  type Span,
  type SpanKind,
  SpanStatusCode,
  type Tracer,
} from "@opentelemetry/api";

export interface SpanSettings {
  attributes?: Attributes;
  kind?: SpanKind;
  /** The span's parent; default the active context (e.g. a job's `traceparent` for a worker span). */
  parent?: Context;
}

/**
 * Runs `run` inside an active span and ends the span however it finishes. A thrown error is
 * recorded on the span (exception event, ERROR status with the error's message) and rethrown.
 * Without an OpenTelemetry SDK registered the span is a no-op.
 */
export function inSpan<T>(
  tracer: Tracer,
  name: string,
  settings: SpanSettings,
  run: (span: Span) => Promise<T>,
): Promise<T> {
  const { parent, ...options } = settings;
  return tracer.startActiveSpan(name, options, parent ?? context.active(), async (span) => {
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
