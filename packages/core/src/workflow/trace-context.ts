import { type Context, context, propagation, ROOT_CONTEXT } from "@opentelemetry/api";

// A queued step runs later, often in another process: its job carries the W3C traceparent of the
// request that queued it, so the worker's spans join the request's trace.

/** The active trace as a `traceparent` header value; undefined without an SDK (nothing to join). */
export function activeTraceparent(): string | undefined {
  const carrier: { traceparent?: string } = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The context to start a job's spans in: the queuing request's trace, or a fresh one. */
export function contextOfTraceparent(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}
