import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import { DomainError } from "@jeex/core/errors";
import { createEventFanout, type EventFanout, type EventLog, type LoggedEvent } from "@jeex/core/events";
import { getErrorShape, getTRPCErrorFromUnknown } from "@trpc/server/unstable-core-do-not-import";
import type { RequestContext } from "../context.ts";
import { toTRPCError } from "../errors.ts";
import { rootConfig } from "../trpc.ts";

// The frames below are tRPC's SSE wire (its sseStreamProducer, no transformer): the typed client,
// the CLI and EventSource read them as tRPC's own. Tests compare them byte for byte with tRPC's
// producer, so an upgrade that changes the wire fails there first.
const encoder = new TextEncoder();

/** `tracked(id, event)`: clients resume from its id. */
export function sseFrameOf(logged: LoggedEvent<unknown>): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(logged.event)}\nid: ${logged.id}\n\n\n`);
}

/** Keeps proxies from closing a quiet stream, and the client from reconnecting. */
export const SSE_PING_FRAME: Uint8Array = encoder.encode("event: ping\ndata: \n\n\n");

/** An error after the stream opened, in the shape tRPC gives every error (errorFormatter included). */
export function errorFrameOf(error: unknown, ctx: RequestContext, input: unknown): Uint8Array {
  const trpcError = error instanceof DomainError ? toTRPCError(error) : getTRPCErrorFromUnknown(error);
  const shape = getErrorShape({
    config: rootConfig,
    error: trpcError,
    type: "subscription",
    path: "workflow.events",
    input,
    ctx,
  });
  return encoder.encode(`event: serialized-error\ndata: ${JSON.stringify(shape)}\n\n\n`);
}

/** Progress streams of one process: one log subscription per project, each event framed once. */
export function createProgressFanout(events: EventLog<ProgressEvent>): EventFanout {
  return createEventFanout(events, sseFrameOf);
}
