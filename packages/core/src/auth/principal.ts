import type { Role } from "@jeex/contracts/common";
import { ForbiddenError, InvalidInputError } from "../errors.ts";

export interface Membership {
  tenantId: string;
  role: Role;
  /** The user's own tenant, created at first sign-in; the default when none is requested. */
  personal: boolean;
}

/** How the caller proved who they are. */
export type Credential =
  /** A service API key: bound to one tenant; acts with the lesser of key and member role. */
  | { kind: "api-key"; apiKeyId: string; tenantId: string; role: Role }
  /** A browser session from OpenID Connect sign-in (cookie). */
  | { kind: "session"; sessionId: string }
  /** An OAuth2 client-credentials access token (JWT) from a configured issuer. */
  | { kind: "access-token"; issuer: string; clientId: string };

/** Who is calling, as established by a credential, with the tenants they may act in. */
export interface Principal {
  userId: string;
  credential: Credential;
  /** Current memberships (for api-key principals: the key's tenant only). */
  memberships: Membership[];
}

/** The tenant a request acts in and the caller's role there. */
export interface TenantAccess {
  tenantId: string;
  userId: string;
  role: Role;
  /** The API key acting: its tenant transactions confirm it still grants `role` (a cache may be behind). */
  apiKeyId?: string;
}

/**
 * The active tenant comes from the principal's memberships; a requested tenant (x-tenant-id)
 * only selects among them and never widens access.
 */
export function resolveTenantAccess(
  principal: Principal,
  requestedTenantId: string | undefined,
): TenantAccess {
  const { memberships } = principal;
  if (requestedTenantId !== undefined) {
    const chosen = memberships.find((m) => m.tenantId === requestedTenantId);
    if (!chosen) throw new ForbiddenError("you are not a member of the requested tenant");
    return accessAs(principal, chosen);
  }
  const fallback =
    memberships.length === 1 ? memberships[0] : memberships.find((membership) => membership.personal);
  if (!fallback) {
    if (memberships.length === 0) throw new ForbiddenError("you are not a member of any tenant");
    throw new InvalidInputError([
      {
        path: "x-tenant-id",
        message: "you belong to several tenants: choose one with x-tenant-id",
        code: "tenant_required",
      },
    ]);
  }
  return accessAs(principal, fallback);
}

function accessAs({ userId, credential }: Principal, { tenantId, role }: Membership): TenantAccess {
  return credential.kind === "api-key"
    ? { tenantId, userId, role, apiKeyId: credential.apiKeyId }
    : { tenantId, userId, role };
}
