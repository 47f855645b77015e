import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import type { Authenticate, AuthenticateOptions, PresentedCredentials, Principal } from "@jeex/core/auth";
import { RateLimitedError } from "@jeex/core/errors";
import { createSharedChecks, type EventLog, sharedCheckTtlFor } from "@jeex/core/events";
import { createSubscriptionSlots, limitFailedAuthentications } from "@jeex/core/limits";
import {
  bearerTokenFrom,
  CSRF_HEADER,
  type RequestContext,
  type RouterServices,
  type SseHandover,
  STREAM_PING_INTERVAL_MS,
  type StreamServices,
} from "@jeex/trpc/context";
import { createProgressFanout } from "@jeex/trpc/progress-frames";
import { appRouter } from "@jeex/trpc/router";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import type { TRPCRequestInfo } from "@trpc/server/http";
import { resolveResponse } from "@trpc/server/http";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { SecurityConfig } from "./config/security.ts";
import { subscriptionPaths } from "./procedure-table.ts";
import { TRPC_PREFIX } from "./security/trpc-error-body.ts";
import { createSseBody, createStreamPings, detachableClose } from "./sse-response.ts";

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

function streamServices(streams: SecurityConfig["streams"], events: EventLog<ProgressEvent>): StreamServices {
  return {
    fanout: createProgressFanout(events),
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
  const services: RouterServices = {
    ...baseServices,
    streams: streamServices(options.security.streams, baseServices.workflow.events),
  };
  const { rateLimits } = services;
  const authenticateFrom = rateLimits
    ? limitFailedAuthentications(services.authenticate, rateLimits, {
        rememberFailuresMs: options.security.rateLimits.settings.authFailure.durationSeconds * 1000,
      })
    : (presented: PresentedCredentials, _ip: string, options?: AuthenticateOptions) =>
        services.authenticate(presented, options);
  /**
   * Authentication bound to one HTTP request: failures count against its IP, and the calls of a
   * batch (one set of credentials) share one look-up instead of one each. Only batches share it:
   * a stream's later re-checks must look again.
   */
  const servicesFor = (ip: string, batch: boolean): RouterServices => {
    if (!rateLimits && !batch) return services;
    let shared: Promise<Principal | undefined> | undefined;
    const authenticate: Authenticate = batch
      ? (presented, options) => {
          // A fresh look-up (the shared one proved stale) is what the batch shares from now on.
          if (options?.fresh || !shared) shared = authenticateFrom(presented, ip, options);
          return shared;
        }
      : (presented, options) => authenticateFrom(presented, ip, options);
    return { ...services, authenticate };
  };
  const pings = createStreamPings(STREAM_PING_INTERVAL_MS);
  const subscriptions = subscriptionPaths(appRouter);
  const createContext = (
    request: FastifyRequest,
    info: TRPCRequestInfo,
    sse: SseHandover | undefined,
  ): RequestContext => ({
    services: servicesFor(request.ip, info.isBatchCall),
    requestId: request.id,
    credentials: {
      bearerToken: bearerTokenFrom(request.headers.authorization),
      sessionToken: options.sessionTokenOf?.(request),
    },
    requestedTenantId:
      singleHeader(request.headers["x-tenant-id"]) ?? tenantFromConnectionParams(info.connectionParams),
    csrfHeaderPresent: request.headers[CSRF_HEADER] !== undefined,
    ip: request.ip,
    sse,
  });
  // Our own route around tRPC's fetch handler (what its Fastify plugin does) so that an answer
  // that is not a stream goes out as one buffer with a content-length: handed a fetch Response,
  // Fastify pipes its body chunked (headers, chunk, terminator: two more socket writes).
  await app.register(
    async (scope) => {
      // tRPC parses bodies itself: hand it the raw text.
      scope.removeContentTypeParser("application/json");
      scope.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) =>
        done(null, body),
      );
      scope.removeContentTypeParser("multipart/form-data");
      scope.addContentTypeParser("multipart/form-data", (_request, body, done) => done(null, body));
      scope.all<{ Params: { path: string } }>("/:path", async (request, reply) => {
        const incoming = request.raw as typeof request.raw & { body?: unknown };
        incoming.body = request.body;
        // A subscription's response body, which its procedure takes over once tRPC opened it.
        let sse: ReturnType<typeof createSseBody> | undefined;
        // Only a stream needs tRPC to let go of the response early; every other call answers once.
        const closing = subscriptions.has(request.params.path) ? detachableClose(reply.raw) : undefined;
        const response = await resolveResponse({
          router: appRouter,
          req: incomingMessageToRequest(incoming, closing?.response ?? reply.raw, { maxBodySize: null }),
          path: request.params.path,
          error: null,
          // tRPC answers a larger batch with 400 before running any of it; the IP limit charges per call.
          maxBatchSize: options.security.maxBatchSize,
          createContext: ({ info }) => {
            if (info.type === "subscription" && closing) {
              sse = createSseBody({
                body: reply.raw,
                pings,
                reportFailure: (err) =>
                  request.log.error({ err, path: "workflow.events" }, "procedure failed"),
                releaseTrpc: closing.detach,
              });
            }
            return Promise.resolve(createContext(request, info, sse?.handover));
          },
          responseMeta: ({ errors }) => {
            const limited = errors
              .map((error) => error.cause)
              .find((cause) => cause instanceof RateLimitedError);
            return limited ? { headers: { "retry-after": String(limited.retryAfterSeconds) } } : {};
          },
          onError: ({ error, path }) => {
            // Only server faults are reported; client mistakes are answered, not logged as errors.
            if (error.code === "INTERNAL_SERVER_ERROR")
              request.log.error({ err: error.cause ?? error, path }, "procedure failed");
          },
        });
        const isStream = response.headers.get("content-type") === "text/event-stream";
        if (response.body !== null && isStream && sse) {
          // Written straight to the socket's response, with the headers Fastify's hooks set (onResponse still runs).
          reply.hijack();
          for (const [name, value] of Object.entries(reply.getHeaders())) {
            if (value !== undefined) reply.raw.setHeader(name, value);
          }
          for (const [name, value] of response.headers) reply.raw.setHeader(name, value);
          reply.raw.writeHead(response.status);
          void sse.relay(response.body);
          return reply;
        }
        if (response.body === null || isStream) return reply.send(response);
        reply.status(response.status);
        for (const [name, value] of response.headers) reply.header(name, value);
        return reply.send(Buffer.from(await response.arrayBuffer()));
      });
    },
    { prefix: TRPC_PREFIX },
  );
}
