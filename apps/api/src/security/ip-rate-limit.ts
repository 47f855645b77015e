import { RateLimitedError } from "@jeex/core/errors";
import type { RateLimits } from "@jeex/core/limits";
import { TRPCError } from "@trpc/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import { isAppDeepLink } from "../web-app/deep-links.ts";
import { isTrpcPath, trpcCallCount, trpcErrorBody } from "./trpc-error-body.ts";

/** Load balancers and orchestrators probe these often; a probe refused with 429 would pull the instance. */
export const PROBE_PATHS: ReadonlySet<string> = new Set(["/healthz", "/readyz"]);

// The web app's hashed, immutable files (web-app/register-web-app.ts): a page load fetches dozens
// of them, no database work behind any, and counting them let one person spend the whole budget.
// Its page navigations (index.html) neither: over the limit a person still gets the app, which
// says "too many requests" where its calls are refused, instead of a bare JSON error page.
// The tab icon as well, which every page load asks for (and /favicon.ico, its redirect).
const WEB_ASSETS_PREFIX = "/assets/";
const WEB_ICON_PATHS: ReadonlySet<string> = new Set(["/favicon.svg", "/favicon.ico"]);
const isWebAppShell = (request: FastifyRequest, path: string) =>
  path.startsWith(WEB_ASSETS_PREFIX) ||
  WEB_ICON_PATHS.has(path) ||
  isAppDeepLink(request.method, request.url, request.headers.accept);

const pathOf = (url: string) => url.split("?", 1)[0] ?? url;

/**
 * onRequest hook: every request except probes and the web app's files and pages draws from its client IP's budget, before any
 * body parsing, authentication or database work, one point per call: a tRPC batch costs as many
 * points as it carries calls (a batch over `maxBatchSize` costs one more than the cap, and tRPC
 * refuses it). Over the limit → 429 with retry-after: in tRPC's error shape under /trpc, as the
 * JSON error of the plain routes elsewhere.
 */
export function ipRateLimitHook(rateLimits: RateLimits, maxBatchSize: number) {
  return async function limitByIp(request: FastifyRequest, reply: FastifyReply) {
    const path = pathOf(request.url);
    if (PROBE_PATHS.has(path) || isWebAppShell(request, path)) return;
    const calls = isTrpcPath(path) ? Math.min(trpcCallCount(request.url), maxBatchSize + 1) : 1;
    try {
      await rateLimits.consume("ip", request.ip, calls);
    } catch (error) {
      // The IP limit fails open when Redis is down, so only "over the limit" is expected here.
      if (!(error instanceof RateLimitedError)) throw error;
      reply.code(429).header("retry-after", String(error.retryAfterSeconds));
      const body = isTrpcPath(path)
        ? trpcErrorBody(
            request.url,
            request.id,
            new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message, cause: error }),
          )
        : { error: error.message, code: error.code, requestId: request.id };
      return reply.send(body);
    }
  };
}
