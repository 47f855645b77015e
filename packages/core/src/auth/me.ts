import type { Me } from "@jeex/contracts/auth";
import type { SystemQueries } from "@jeex/db/system";
import { NotFoundError } from "../errors.ts";
import { type Principal, resolveTenantAccess } from "./principal.ts";

/** The caller, their memberships and the tenant this request would act in. */
export async function describePrincipal(
  system: SystemQueries,
  principal: Principal,
  requestedTenantId: string | undefined,
): Promise<Me> {
  const user = await system.findUser(principal.userId);
  if (!user) throw new NotFoundError("user");
  const visibleTenants = new Set(principal.memberships.map((m) => m.tenantId));
  const memberships = (await system.listMemberships(principal.userId))
    .filter((row) => visibleTenants.has(row.tenantId))
    .map((row) => ({
      tenantId: row.tenantId,
      slug: row.tenantSlug,
      name: row.tenantName,
      personal: row.personal,
      role: row.role,
    }));
  let activeTenant: Me["activeTenant"] = null;
  try {
    const access = resolveTenantAccess(principal, requestedTenantId);
    activeTenant = { tenantId: access.tenantId, role: access.role };
  } catch {
    // No usable tenant for this request (none chosen among several, or not a member): say so with null.
  }
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName },
    credential: principal.credential.kind,
    memberships,
    activeTenant,
  };
}
