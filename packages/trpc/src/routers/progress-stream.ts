import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import type { ProjectEventsInput } from "@jeex/contracts/workflow";
import { resolveTenantAccess, roleAtLeast, type TenantAccess } from "@jeex/core/auth";
import {
  DependencyUnavailableError,
  DomainError,
  ForbiddenError,
  UnauthenticatedError,
} from "@jeex/core/errors";
import { guardStream, type StreamKey } from "@jeex/core/events";
import { assertProjectExists } from "@jeex/core/projects";
import { createProjectRepository } from "@jeex/db/repositories";
import type { TrackedEnvelope } from "@trpc/server";
import type { RequestContext, SseHandover } from "../context.ts";
import { toTRPCError } from "../errors.ts";
import { onceMoreIfCredentialChanged } from "../trpc.ts";
import { errorFrameOf } from "./progress-frames.ts";

type StreamContext = RequestContext & { access: TenantAccess };

/**
 * What let the stream open must still hold: the credential verifies, it is still a member of the
 * same tenant with at least viewer, and the project is live. A check that cannot run (database
 * away) ends the stream as UNAVAILABLE, which the client retries, re-authenticating on the way.
 */
async function assertStillAllowed(ctx: StreamContext, projectId: string): Promise<void> {
  try {
    await onceMoreIfCredentialChanged(async (fresh) => {
      const principal = await ctx.services.authenticate(ctx.credentials, { fresh });
      if (!principal)
        throw new UnauthenticatedError("the credential was revoked or expired; the stream ended");
      const access = resolveTenantAccess(principal, ctx.requestedTenantId);
      if (access.tenantId !== ctx.access.tenantId || !roleAtLeast(access.role, "viewer")) {
        throw new ForbiddenError("you are no longer a member of this tenant; the stream ended");
      }
      await ctx.services.db.withTenant(access, (tx) =>
        assertProjectExists(createProjectRepository(tx), projectId),
      );
    });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DependencyUnavailableError("access to this stream could not be checked; reconnect");
  }
}

/**
 * The stream after tRPC opened it: the project's events from the fan-out (framed once for every
 * reader), the host's pings, and an end — after its lifetime, when the reader fell behind or the
 * server drains (the client resumes from the last id it got), or with tRPC's error frame once
 * access is gone. Owns the reader's stream slot until then.
 */
async function runOpenStream(
  ctx: StreamContext,
  input: ProjectEventsInput,
  sse: SseHandover,
  release: () => void,
): Promise<void> {
  const { streams } = ctx.services;
  const key: StreamKey = { tenantId: ctx.access.tenantId, projectId: input.projectId };
  const { bearerToken = "", sessionToken = "" } = ctx.credentials;
  const checkKey = `${bearerToken}|${sessionToken}|${ctx.requestedTenantId ?? ""}|${input.projectId}`;
  const stop = new AbortController();
  const onStop = () => stop.abort();
  sse.closed.addEventListener("abort", onStop, { once: true });
  const stopOnShutdown = ctx.services.onShutdown(onStop);
  try {
    await guardStream((signal) => streams.fanout.deliver(key, input.lastEventId ?? undefined, sse, signal), {
      signal: stop.signal,
      recheckAccess: () => streams.sharedCheck(checkKey, () => assertStillAllowed(ctx, input.projectId)),
      recheckIntervalMs: streams.accessRecheckMs,
      maxLifetimeMs: streams.maxLifetimeMs,
    });
  } catch (error) {
    if (!(error instanceof DomainError)) sse.reportFailure(error);
    sse.write(errorFrameOf(error, ctx, input));
  } finally {
    sse.closed.removeEventListener("abort", onStop);
    stopOnShutdown();
    sse.end();
    release();
  }
}

/**
 * `workflow.events`: a project's progress, live, for as long as the reader may read it. Takes one
 * of the caller's stream slots, re-checks access every interval (shared between streams of one
 * credential and project), and closes after its lifetime so that the client resumes with the last
 * id it saw. Listening before replaying (the fan-out) keeps resumes gap-free and without repeats.
 * tRPC runs the checks and opens the response; then the host takes it over (runOpenStream), so an
 * open stream holds no tRPC generator or web stream of its own.
 */
// biome-ignore lint/correctness/useYield: the events reach the client through the host, not through tRPC
export async function* streamProjectEvents(
  ctx: StreamContext,
  input: ProjectEventsInput,
): AsyncGenerator<TrackedEnvelope<ProgressEvent>, void, undefined> {
  const { sse } = ctx;
  if (!sse)
    throw new Error("workflow.events needs a host that can take the response over (apps/api's tRPC route)");
  let release: (() => void) | undefined;
  try {
    // Errors thrown in here are past the procedure middleware, so they are mapped here.
    release = ctx.services.streams.slots.acquire(ctx.access);
    if (!(await sse.takeOver())) return;
    void runOpenStream(ctx, input, sse, release);
    release = undefined;
  } catch (error) {
    throw error instanceof DomainError ? toTRPCError(error) : error;
  } finally {
    release?.();
  }
}
