import type { Authenticate, PresentedCredentials } from "@jeex/core/auth/authenticate";
import type { Principal } from "@jeex/core/auth/principal";
import { RateLimitedError } from "@jeex/core/errors";
import { createSharedChecks, sharedCheckTtlFor } from "@jeex/core/events/shared-checks";
import { limitFailedAuthentications } from "@jeex/core/limits/failed-authentications";
import { createSubscriptionSlots } from "@jeex/core/limits/subscription-slots";
import {
  bearerTokenFrom,
  CSRF_HEADER,
  type RequestContext,
  type RouterServices,
  type StreamServices,
} from "@jeex/trpc/context";
import { type AppRouter, appRouter } from "@jeex/trpc/router";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { SecurityConfig } from "./config/security.ts";
import { TRPC_PREFIX } from "./security/trpc-error-body.ts";

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A browser's EventSource cannot send headers, so the web app names its tenant in the
 * subscription's `connectionParams`. It only picks among the caller's memberships, like the header.
 */
function tenantFromConnectionParams(
  params: Record<string, string | undefined> | null | undefined,
): string | undefined {
  const tenantId = params?.tenantId;
  return typeof tenantId === "string" && tenantId !== "" ? tenantId : undefined;
}

export interface TrpcHostOptions {
  /** Reads the browser session token from the request's cookies, when sign-in is enabled. */
  sessionTokenOf?: (request: FastifyRequest) => string | undefined;
  /** Batch size and progress-stream caps. */
  security: Pick<SecurityConfig, "maxBatchSize" | "streams" | "rateLimits">;
}

function streamServices(streams: SecurityConfig["streams"]): StreamServices {
  return {
    slots: createSubscriptionSlots(streams),
    sharedCheck: createSharedChecks(sharedCheckTtlFor(streams.accessRecheckMs)),
    accessRecheckMs: streams.accessRecheckMs,
    maxLifetimeMs: streams.maxLifetimeMs,
  };
}

export async function registerTrpc(
  app: FastifyInstance,
  baseServices: Omit<RouterServices, "streams">,
  options: TrpcHostOptions,
) {
  const services: RouterServices = { ...baseServices, streams: streamServices(options.security.streams) };
  const { rateLimits } = services;
  const authenticateFrom = rateLimits
    ? limitFailedAuthentications(services.authenticate, rateLimits, {
        rememberFailuresMs: options.security.rateLimits.settings.authFailure.durationSeconds * 1000,
      })
    : (presented: PresentedCredentials) => services.authenticate(presented);
  /**
   * Authentication bound to one HTTP request: failures count against its IP, and the calls of a
   * batch (one set of credentials) share one look-up instead of one each. Only batches share it:
   * a stream's later re-checks must look again.
   */
  const servicesFor = (ip: string, batch: boolean): RouterServices => {
    if (!rateLimits && !batch) return services;
    let shared: Promise<Principal | undefined> | undefined;
    const authenticate: Authenticate = batch
      ? (presented) => {
          shared ??= authenticateFrom(presented, ip);
          return shared;
        }
      : (presented) => authenticateFrom(presented, ip);
    return { ...services, authenticate };
  };
  await app.register(fastifyTRPCPlugin, {
    prefix: TRPC_PREFIX,
    trpcOptions: {
      router: appRouter,
      // tRPC answers a larger batch with 400 before running any of it; the IP limit charges per call.
      maxBatchSize: options.security.maxBatchSize,
      createContext: ({ req, info }): RequestContext => ({
        services: servicesFor(req.ip, info.isBatchCall),
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
