import type { Role } from "@jeex/contracts/common";
import { ForbiddenError } from "../errors.ts";

/** Who is calling, as established by a credential. */
export interface Principal {
  userId: string;
  credential: { kind: "api-key"; apiKeyId: string; tenantId: string; role: Role };
}

/** The tenant a request acts in and the caller's role there. */
export interface TenantAccess {
  tenantId: string;
  userId: string;
  role: Role;
}

/**
 * The active tenant comes from the principal's memberships; a requested tenant (x-tenant-id)
 * only selects among them and never widens access.
 */
export function resolveTenantAccess(
  principal: Principal,
  requestedTenantId: string | undefined,
): TenantAccess {
  const { credential } = principal;
  if (requestedTenantId !== undefined && requestedTenantId !== credential.tenantId) {
    throw new ForbiddenError("this credential is not valid for the requested tenant");
  }
  return { tenantId: credential.tenantId, userId: principal.userId, role: credential.role };
}
