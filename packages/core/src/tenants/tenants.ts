import type { CreateTenantInput, Tenant } from "@jeex/contracts/tenants";
import { isUniqueViolation } from "@jeex/db/errors";
import type { SystemQueries } from "@jeex/db/system";
import type { Principal } from "../auth/principal.ts";
import { ConflictError } from "../errors.ts";

/**
 * The tenants the caller can act in, with their role in each (system path: spans tenants).
 * An API key sees only the tenant it is bound to, whatever else its user belongs to.
 */
export async function listTenants(system: SystemQueries, principal: Principal): Promise<Tenant[]> {
  const reachable = new Map(principal.memberships.map((m) => [m.tenantId, m.role]));
  const rows = await system.listMemberships(principal.userId);
  return rows.flatMap((row) => {
    const role = reachable.get(row.tenantId);
    return role
      ? [{ id: row.tenantId, slug: row.tenantSlug, name: row.tenantName, personal: row.personal, role }]
      : [];
  });
}

export async function createTenant(
  system: SystemQueries,
  ownerUserId: string,
  input: CreateTenantInput,
): Promise<Tenant> {
  try {
    const tenant = await system.createTenantWithOwner({ ...input, ownerUserId });
    return { ...tenant, role: "owner" };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`the slug ${input.slug} is taken`);
    throw error;
  }
}
