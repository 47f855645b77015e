import type { Role } from "@jeex/contracts/common";
import { resolveTenantAccess } from "@jeex/core/auth/principal";
import { roleAtLeast } from "@jeex/core/auth/roles";
import { DomainError, ForbiddenError, UnauthenticatedError } from "@jeex/core/errors";
import { createProjectRepository } from "@jeex/db/repositories/projects";
import type { TenantTransaction } from "@jeex/db/tenant";
import { initTRPC } from "@trpc/server";
import { CSRF_HEADER, type RequestContext } from "./context.ts";
import { formatError, toTRPCError } from "./errors.ts";

const t = initTRPC.context<RequestContext>().create({
  // Stack traces never leave the server, whatever NODE_ENV says.
  isDev: false,
  errorFormatter: ({ shape, error, ctx }) => formatError(shape, error, ctx?.requestId),
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Outermost middleware: domain errors thrown anywhere below become their tRPC codes. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    return { ...result, error: toTRPCError(result.error.cause) };
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapDomainErrors);

export const authedProcedure = publicProcedure.use(async ({ ctx, next, type }) => {
  const { credentials, services } = ctx;
  const principal = await services.authenticate(credentials);
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
  return next({ ctx: { principal } });
});

/** The project a mutation targets, read before validation only to pick its rate-limit bucket. */
async function targetedProjectId(getRawInput: () => Promise<unknown>): Promise<string | undefined> {
  const raw = await getRawInput().catch(() => undefined);
  const projectId = raw && typeof raw === "object" ? (raw as { projectId?: unknown }).projectId : undefined;
  return typeof projectId === "string" && projectId.length <= 64 ? projectId : undefined;
}

// Thrown inside the transaction so that a failed procedure rolls back its writes.
class RollbackForFailedProcedure extends Error {}

/**
 * A member of the active tenant holding at least `minimum`: opens the tenant transaction
 * (RLS in force) and puts the tenant's repositories on ctx.
 */
function tenantProcedure(minimum: Role) {
  return authedProcedure.use(async ({ ctx, next, type, getRawInput }) => {
    const access = resolveTenantAccess(ctx.principal, ctx.requestedTenantId);
    if (!roleAtLeast(access.role, minimum)) {
      throw new ForbiddenError(`this needs the ${minimum} role or higher; you are ${access.role}`);
    }
    if (type === "mutation" && ctx.services.rateLimits) {
      const projectId = await targetedProjectId(getRawInput);
      if (projectId) await ctx.services.rateLimits.consume("project", `${access.tenantId}:${projectId}`);
    }
    const runProcedure = (tx: TenantTransaction) =>
      next({ ctx: { access, repos: { projects: createProjectRepository(tx) } } });
    let outcome: Awaited<ReturnType<typeof runProcedure>> | undefined;
    try {
      await ctx.services.db.withTenant({ tenantId: access.tenantId, userId: access.userId }, async (tx) => {
        outcome = await runProcedure(tx);
        if (!outcome.ok) throw new RollbackForFailedProcedure();
      });
    } catch (error) {
      if (!(error instanceof RollbackForFailedProcedure)) throw error;
    }
    if (!outcome) throw new Error("tenant transaction finished without running the procedure");
    return outcome;
  });
}

export const viewerProcedure = tenantProcedure("viewer");
export const editorProcedure = tenantProcedure("editor");
export const adminProcedure = tenantProcedure("admin");
export const ownerProcedure = tenantProcedure("owner");
