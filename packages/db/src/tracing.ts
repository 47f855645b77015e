import { type Attributes, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

/** Without an OpenTelemetry SDK registered these spans are no-ops. */
const tracer = trace.getTracer("jeex-db");

/**
 * One `db.transaction` span around a tenant transaction: postgres.js and PGlite have no
 * instrumentation of their own, and the transaction (not each statement) is the unit worth seeing.
 */
export function traceTransaction<T>(attributes: Attributes, run: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan("db.transaction", { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const result = await run();
      span.setAttribute("jeex.db.outcome", "committed");
      return result;
    } catch (error) {
      // Also a procedure that failed and rolled its writes back on purpose.
      span.setAttribute("jeex.db.outcome", "rolled_back");
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "error" });
      throw error;
    } finally {
      span.end();
    }
  });
}
