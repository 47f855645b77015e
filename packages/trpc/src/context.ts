import type { ApiKeySecrets } from "@jeex/core/auth/api-keys";
import type { Authenticate, PresentedCredentials } from "@jeex/core/auth/authenticate";
import type { RateLimits } from "@jeex/core/limits/rate-limits";
import type { Database } from "@jeex/db/client";

/** Long-lived dependencies the server builds once and every request shares. */
export interface RouterServices {
  db: Database;
  authenticate: Authenticate;
  apiKeySecrets: ApiKeySecrets;
  /** Absent when rate limiting is switched off (benchmarks). */
  rateLimits?: RateLimits | undefined;
}

/** Header a browser must send with cookie-authenticated mutations: it forces a CORS preflight. */
export const CSRF_HEADER = "x-jeex-csrf";

/** Per-request context, built by the host (Fastify) from the HTTP request. */
export interface RequestContext {
  services: RouterServices;
  requestId: string;
  /** Raw credentials as the client sent them; only the procedure tiers interpret them. */
  credentials: PresentedCredentials;
  requestedTenantId: string | undefined;
  csrfHeaderPresent: boolean;
  ip: string;
}

export function bearerTokenFrom(authorization: string | undefined): string | undefined {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match?.[1];
}
