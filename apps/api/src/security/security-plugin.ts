import { fastifyCors } from "@fastify/cors";
import { fastifyHelmet } from "@fastify/helmet";
import type { RateLimits } from "@jeex/core/limits";
import type { FastifyInstance } from "fastify";
import { fastifyPlugin } from "fastify-plugin";
import type { SecurityConfig } from "../config/security.ts";
import { apiCorsOptions, apiHelmetOptions } from "./http-headers.ts";
import { ipRateLimitHook } from "./ip-rate-limit.ts";
import { createRateLimiting } from "./rate-limiting.ts";

/**
 * Security headers, CORS and the per-IP rate limit, registered in that order at the root (hence
 * fastify-plugin) so a 429 still carries the security and CORS headers a browser needs to read it.
 * Returns the limits for the tRPC tiers (per user, per project, failed authentications per IP);
 * undefined when switched off.
 */
export function registerSecurity(
  app: FastifyInstance,
  security: SecurityConfig,
  env: string,
): { rateLimits: RateLimits | undefined } {
  const rateLimiting = createRateLimiting(security.rateLimits, env, app.log);
  app.register(
    fastifyPlugin(
      async (root) => {
        await root.register(fastifyHelmet, apiHelmetOptions);
        await root.register(fastifyCors, apiCorsOptions(security.corsOrigins));
        if (!rateLimiting) return;
        root.addHook("onRequest", ipRateLimitHook(rateLimiting.rateLimits, security.maxBatchSize));
        // Listening waits for onReady, so an unreachable Redis stops the start.
        root.addHook("onReady", rateLimiting.start);
        root.addHook("onClose", rateLimiting.stop);
      },
      { name: "jeex-security" },
    ),
  );
  return { rateLimits: rateLimiting?.rateLimits };
}
