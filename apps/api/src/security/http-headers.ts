import type { FastifyCorsOptions } from "@fastify/cors";
import type { FastifyHelmetOptions } from "@fastify/helmet";
import { CSRF_HEADER } from "@jeex/trpc/context";

/**
 * Helmet for a JSON API: a CSP that allows nothing (JSON loads nothing, and a response opened
 * as a page cannot run anything or be framed), plus helmet's defaults (nosniff, HSTS,
 * no-referrer, same-origin CORP/COOP). An HTML page added later (a /panel) relaxes CSP on its
 * own routes with the route option `helmet: { contentSecurityPolicy: … }`.
 */
export const apiHelmetOptions: FastifyHelmetOptions = {
  global: true,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: "deny" },
};

/** Request headers a browser client may send: credentials, tenant choice, CSRF proof, tracing, tRPC streaming. */
export const CORS_ALLOWED_HEADERS = [
  "authorization",
  "content-type",
  "x-tenant-id",
  CSRF_HEADER,
  "x-request-id",
  "trpc-accept",
];

/** Response headers a browser client may read: when to retry after a 429, and the id to quote in a report. */
export const CORS_EXPOSED_HEADERS = ["retry-after", "x-request-id"];

/**
 * Only origins on the allow-list get any Access-Control-* header, credentials included; every
 * other origin (and a same-origin or server-to-server call without `Origin`) gets none, so the
 * browser withholds the response. There is no `*`: configuration refuses it.
 */
export function apiCorsOptions(allowedOrigins: readonly string[]): FastifyCorsOptions {
  const allowed = new Set(allowedOrigins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ["GET", "POST"],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: 600,
    strictPreflight: true,
  };
}
