import type { Principal } from "@jeex/core/auth/principal";
import type { Database } from "@jeex/db/client";

/** Long-lived dependencies the server builds once and every request shares. */
export interface RouterServices {
  db: Database;
  authenticateApiKey(token: string): Promise<Principal | undefined>;
}

/** Per-request context, built by the host (Fastify) from the HTTP request. */
export interface RequestContext {
  services: RouterServices;
  requestId: string;
  /** Raw credentials as the client sent them; only the procedure tiers interpret them. */
  bearerToken: string | undefined;
  requestedTenantId: string | undefined;
}

export function bearerTokenFrom(authorization: string | undefined): string | undefined {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match?.[1];
}
