import type { Role } from "@jeex/contracts/common";
import { type Principal, resolveTenantAccess, roleAtLeast, type TenantAccess } from "@jeex/core/auth";
import {
  DependencyUnavailableError,
  DomainError,
  ForbiddenError,
  UnauthenticatedError,
} from "@jeex/core/errors";
import { type LogFields, withLogFields } from "@jeex/core/log-context";
import { isConnectionLost } from "@jeex/db/errors";
import { CredentialChangedError, type TenantTransactionOptions } from "@jeex/db/tenant";
import { trace } from "@opentelemetry/api";
import { initTRPC } from "@trpc/server";
import { CSRF_HEADER, type RequestContext, STREAM_PING_INTERVAL_MS } from "./context.ts";
import { formatError, toTRPCError } from "./errors.ts";
import type { ProcedureMeta } from "./meta.ts";
import { type TenantHandlerContext, tenantHandlerContext } from "./tenant-handler-context.ts";

const t = initTRPC
  .context<RequestContext>()
  .meta<ProcedureMeta>()
  .create({
    // Stack traces never leave the server, whatever NODE_ENV says.
    isDev: false,
    // Progress streams: pings keep proxies from closing idle SSE connections; clients reconnect
    // (with lastEventId) when a stream goes quiet for longer than that.
    sse: {
      ping: { enabled: true, intervalMs: STREAM_PING_INTERVAL_MS },
      client: { reconnectAfterInactivityMs: 40_000 },
    },
    errorFormatter: ({ shape, error, ctx }) => formatError(shape, error, ctx?.requestId),
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** What tRPC formats errors with: progress streams write their late errors in its shape (progress-frames.ts). */
export const rootConfig = t._config;

/** Outermost middleware: domain errors thrown anywhere below become their tRPC codes. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    return { ...result, error: toTRPCError(result.error.cause) };
  }
  // The key changed while a procedure that cannot run twice was under way (onceMoreIf…).
  if (!result.ok && result.error.cause instanceof CredentialChangedError) {
    const message = `${result.error.cause.message}; send it again`;
    return { ...result, error: toTRPCError(new UnauthenticatedError(message)) };
  }
  // A lost database connection rolled the transaction back: say "retry" (503), not "bug" (500).
  if (!result.ok && isConnectionLost(result.error.cause)) {
    return {
      ...result,
      error: toTRPCError(new DependencyUnavailableError("the database connection was lost; retry")),
    };
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapDomainErrors).meta({ access: "public" });

type CallType = "query" | "mutation" | "subscription";

/** The principal the request's credentials stand for; a cookie-signed mutation must also carry the CSRF header. */
async function authenticatedPrincipal(
  ctx: RequestContext,
  type: CallType,
  fresh = false,
): Promise<Principal> {
  const { credentials, services } = ctx;
  const principal = await services.authenticate(credentials, { fresh });
  if (!principal) {
    const presented = credentials.bearerToken ?? credentials.sessionToken;
    throw new UnauthenticatedError(
      presented ? "invalid, expired or revoked credential" : "missing credential",
    );
  }
  if (principal.credential.kind === "session" && type === "mutation" && !ctx.csrfHeaderPresent) {
    throw new ForbiddenError(`mutations signed in with a cookie must send the ${CSRF_HEADER} header`);
  }
  await services.rateLimits?.consume("user", principal.userId);
  return principal;
}

export const authedProcedure = publicProcedure
  .meta({ access: "signed-in" })
  .use(async ({ ctx, next, type }) => next({ ctx: { principal: await authenticatedPrincipal(ctx, type) } }));

/**
 * A person signed in with a browser session. API keys and client-credential tokens act inside the
 * one tenant they were granted, so what concerns the person across tenants (making a tenant,
 * answering an invitation) is refused to them.
 */
export const sessionProcedure = authedProcedure.meta({ access: "person" }).use(({ ctx, next }) => {
  if (ctx.principal.credential.kind !== "session") {
    throw new ForbiddenError("only a person signed in with a browser session can do this");
  }
  return next();
});

/** The project a mutation targets, read before validation only to pick its rate-limit bucket. */
async function targetedProjectId(getRawInput: () => Promise<unknown>): Promise<string | undefined> {
  const raw = await getRawInput().catch(() => undefined);
  const projectId = raw && typeof raw === "object" ? (raw as { projectId?: unknown }).projectId : undefined;
  return typeof projectId === "string" && projectId.length <= 64 ? projectId : undefined;
}

// Thrown inside the transaction so that a failed procedure rolls back its writes.
class RollbackForFailedProcedure extends Error {}

interface Admission {
  access: TenantAccess;
  /** On every log line written below the member's checks. */
  logFields: LogFields;
}

/** The caller's access to the active tenant if it holds at least `minimum`; a mutation also spends the project's rate limit. */
async function admittedMember(
  ctx: RequestContext,
  principal: Principal,
  minimum: Role,
  type: CallType,
  getRawInput: () => Promise<unknown>,
): Promise<Admission> {
  const access = resolveTenantAccess(principal, ctx.requestedTenantId);
  const projectId = await targetedProjectId(getRawInput);
  // On the request's span (a no-op without an SDK) and on every log line written below here.
  trace.getActiveSpan()?.setAttributes({
    "jeex.tenant_id": access.tenantId,
    ...(projectId ? { "jeex.project_id": projectId } : {}),
  });
  if (!roleAtLeast(access.role, minimum)) {
    throw new ForbiddenError(`this needs the ${minimum} role or higher; you are ${access.role}`);
  }
  if (type === "mutation" && projectId && ctx.services.rateLimits) {
    await ctx.services.rateLimits.consume("project", `${access.tenantId}:${projectId}`);
  }
  return {
    access,
    logFields: { request_id: ctx.requestId, tenant_id: access.tenantId, project_id: projectId },
  };
}

/**
 * A member of the active tenant holding at least `minimum`, without a transaction: for
 * long-lived subscriptions, which open short transactions of their own.
 */
export function memberProcedure(minimum: Role) {
  return publicProcedure.meta({ access: minimum }).use(async ({ ctx, next, type, getRawInput }) => {
    const { principal, access, logFields } = await onceMoreIfCredentialChanged(async (fresh) => {
      const principal = await authenticatedPrincipal(ctx, type, fresh);
      const admission = await admittedMember(ctx, principal, minimum, type, getRawInput);
      // Confirmed before the procedure starts: its own transactions may not be safe to run twice.
      if (admission.access.apiKeyId) {
        await ctx.services.db.withTenant(admission.access, async () => {}, { readOnly: true });
      }
      return { principal, ...admission };
    });
    return withLogFields(logFields, () => next({ ctx: { principal, access } }));
  });
}

/**
 * An API key found changed inside a tenant transaction (revoked, or its role changed, on another
 * instance whose NOTIFY this one has not heard yet): `attempt` runs once more, authenticating past
 * the cache, and meets the key as it now is. Only for attempts whose writes all rolled back; the
 * rare second run spends the rate limits again.
 */
export async function onceMoreIfCredentialChanged<T>(attempt: (fresh: boolean) => Promise<T>): Promise<T> {
  try {
    return await attempt(false);
  } catch (error) {
    if (!(error instanceof CredentialChangedError)) throw error;
    return attempt(true);
  }
}

/** What a member procedure knows of its caller once its checks passed. */
export type MemberRequestContext = RequestContext & { access: TenantAccess; principal: Principal };

/**
 * Runs `work` in the caller's tenant transaction (RLS in force) with the tenant's repositories.
 * Work registered with `afterCommit` runs once the transaction committed; a throw rolls it back.
 * Anything that needs the system path must run outside it: with the embedded database (one
 * connection) a system query inside the transaction would wait for the transaction forever.
 */
export async function inCallersTenant<T>(
  ctx: MemberRequestContext,
  work: (tenant: TenantHandlerContext) => Promise<T>,
  options?: TenantTransactionOptions,
): Promise<T> {
  const { access, principal } = ctx;
  const actor = { kind: principal.credential.kind, requestId: ctx.requestId, ip: ctx.ip };
  let tenant: TenantHandlerContext | undefined;
  const result = await ctx.services.db.withTenant(
    access,
    (tx) => {
      tenant = tenantHandlerContext(tx, access, actor);
      return work(tenant);
    },
    options,
  );
  for (const committed of tenant?.afterCommitWork ?? []) await committed();
  return result;
}

/**
 * A member with at least `minimum`, inside the tenant transaction (RLS in force) with the tenant's
 * repositories on ctx. The checks of `authedProcedure` and `memberProcedure` and the transaction
 * run as one middleware: every tRPC middleware copies the call's options and context, and this
 * path serves most requests. A query's transaction is READ ONLY: it may not write (Postgres
 * refuses), and its COMMIT is not waited for (see `TenantTransactionOptions`).
 */
const tenantProcedure = (minimum: Role) =>
  publicProcedure.meta({ access: minimum }).use(async ({ ctx, next, type, getRawInput }) => {
    const attempt = async (fresh: boolean) => {
      const principal = await authenticatedPrincipal(ctx, type, fresh);
      const { access, logFields } = await admittedMember(ctx, principal, minimum, type, getRawInput);
      const member: MemberRequestContext = { ...ctx, principal, access };
      const runProcedure = (tenant: TenantHandlerContext) => next({ ctx: { principal, access, tenant } });
      let outcome: Awaited<ReturnType<typeof runProcedure>> | undefined;
      await withLogFields(logFields, async () => {
        try {
          await inCallersTenant(
            member,
            async (tenant) => {
              outcome = await runProcedure(tenant);
              if (!outcome.ok) throw new RollbackForFailedProcedure();
            },
            { readOnly: type === "query" },
          );
        } catch (error) {
          if (!(error instanceof RollbackForFailedProcedure)) throw error;
        }
      });
      if (!outcome) throw new Error("tenant transaction finished without running the procedure");
      return outcome;
    };
    // All the procedure's work is in the one transaction, rolled back when the key proved changed.
    return onceMoreIfCredentialChanged(attempt);
  });

/** What every role tier below is: the same builder, with its own minimum role in meta. */
export type TenantProcedure = ReturnType<typeof tenantProcedure>;

export const viewerProcedure = tenantProcedure("viewer");
export const editorProcedure = tenantProcedure("editor");
export const adminProcedure = tenantProcedure("admin");
export const ownerProcedure = tenantProcedure("owner");
