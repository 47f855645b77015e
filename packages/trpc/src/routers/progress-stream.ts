import type { ProjectEventsInput } from "@jeex/contracts/workflow";
import { resolveTenantAccess, type TenantAccess } from "@jeex/core/auth/principal";
import { roleAtLeast } from "@jeex/core/auth/roles";
import {
  DependencyUnavailableError,
  DomainError,
  ForbiddenError,
  UnauthenticatedError,
} from "@jeex/core/errors";
import { follow } from "@jeex/core/events/follow";
import { guardStream } from "@jeex/core/events/guard-stream";
import type { LoggedEvent } from "@jeex/core/events/port";
import { assertProjectExists } from "@jeex/core/workflow/executions";
import { createProjectRepository } from "@jeex/db/repositories/projects";
import { tracked } from "@trpc/server";
import type { RequestContext } from "../context.ts";
import { toTRPCError } from "../errors.ts";

type StreamContext = RequestContext & { access: TenantAccess };

/** tRPC's `tracked` envelope: the event id travels as the SSE id, which the client resumes from. */
async function* asTracked<E>(events: AsyncIterable<LoggedEvent<E>>) {
  for await (const { id, event } of events) yield tracked(id, event);
}

/**
 * What let the stream open must still hold: the credential verifies, it is still a member of the
 * same tenant with at least viewer, and the project is live. A check that cannot run (database
 * away) ends the stream as UNAVAILABLE, which the client retries, re-authenticating on the way.
 */
async function assertStillAllowed(ctx: StreamContext, projectId: string): Promise<void> {
  try {
    const principal = await ctx.services.authenticate(ctx.credentials);
    if (!principal) throw new UnauthenticatedError("the credential was revoked or expired; the stream ended");
    const access = resolveTenantAccess(principal, ctx.requestedTenantId);
    if (access.tenantId !== ctx.access.tenantId || !roleAtLeast(access.role, "viewer")) {
      throw new ForbiddenError("you are no longer a member of this tenant; the stream ended");
    }
    await ctx.services.db.withTenant(access, (tx) =>
      assertProjectExists(createProjectRepository(tx), projectId),
    );
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DependencyUnavailableError("access to this stream could not be checked; reconnect");
  }
}

/**
 * `workflow.events`: a project's progress, live, for as long as the reader may read it. Takes one
 * of the caller's stream slots, re-checks access every interval (shared between streams of one
 * credential and project), and closes after its lifetime so that the client resumes with the last
 * id it saw. Listening before replaying (follow) keeps resumes gap-free and without repeats.
 */
export async function* streamProjectEvents(
  ctx: StreamContext,
  input: ProjectEventsInput,
  signal: AbortSignal | undefined,
) {
  const { streams } = ctx.services;
  const { tenantId, userId } = ctx.access;
  let release: (() => void) | undefined;
  try {
    // Errors thrown in here are past the procedure middleware, so they are mapped here.
    release = streams.slots.acquire(userId);
    const key = { tenantId, projectId: input.projectId };
    const { bearerToken = "", sessionToken = "" } = ctx.credentials;
    const checkKey = `${bearerToken}|${sessionToken}|${ctx.requestedTenantId ?? ""}|${input.projectId}`;
    const ended = yield* guardStream(
      (guardSignal) =>
        asTracked(follow(ctx.services.workflow.events, key, input.lastEventId ?? undefined, guardSignal)),
      {
        signal: AbortSignal.any([...(signal ? [signal] : []), ctx.services.shutdownSignal]),
        recheckAccess: () => streams.sharedCheck(checkKey, () => assertStillAllowed(ctx, input.projectId)),
        recheckIntervalMs: streams.accessRecheckMs,
        maxLifetimeMs: streams.maxLifetimeMs,
      },
    );
    if (ended === "lifetime") {
      // An abort closes the SSE response without tRPC's "return" event: the client's link then
      // reconnects with the last tracked id instead of completing.
      throw new DOMException("the stream reached its maximum lifetime", "AbortError");
    }
  } catch (error) {
    throw error instanceof DomainError ? toTRPCError(error) : error;
  } finally {
    release?.();
  }
}
