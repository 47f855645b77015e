import { RateLimitedError } from "@jeex/core/errors";
import { bearerTokenFrom, CSRF_HEADER, type RequestContext, type RouterServices } from "@jeex/trpc/context";
import { type AppRouter, appRouter } from "@jeex/trpc/router";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import type { FastifyInstance, FastifyRequest } from "fastify";

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A browser's EventSource cannot send headers, so the web app names its tenant in the
 * subscription's `connectionParams`. It only picks among the caller's memberships, like the header.
 */
function tenantFromConnectionParams(params: Record<string, string> | null | undefined): string | undefined {
  const tenantId = params?.tenantId;
  return typeof tenantId === "string" && tenantId !== "" ? tenantId : undefined;
}

export interface TrpcHostOptions {
  /** Reads the browser session token from the request's cookies, when sign-in is enabled. */
  sessionTokenOf?: (request: FastifyRequest) => string | undefined;
}

export async function registerTrpc(
  app: FastifyInstance,
  services: RouterServices,
  options: TrpcHostOptions = {},
) {
  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, info }): RequestContext => ({
        services,
        requestId: req.id,
        credentials: {
          bearerToken: bearerTokenFrom(req.headers.authorization),
          sessionToken: options.sessionTokenOf?.(req),
        },
        requestedTenantId:
          singleHeader(req.headers["x-tenant-id"]) ?? tenantFromConnectionParams(info.connectionParams),
        csrfHeaderPresent: req.headers[CSRF_HEADER] !== undefined,
        ip: req.ip,
      }),
      responseMeta: ({ errors }) => {
        const limited = errors.map((error) => error.cause).find((cause) => cause instanceof RateLimitedError);
        return limited ? { headers: { "retry-after": String(limited.retryAfterSeconds) } } : {};
      },
      onError: ({ error, path, req }) => {
        // Only server faults are reported; client mistakes are answered, not logged as errors.
        if (error.code === "INTERNAL_SERVER_ERROR")
          req.log.error({ err: error.cause ?? error, path }, "procedure failed");
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });
}
