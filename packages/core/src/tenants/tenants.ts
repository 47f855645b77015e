import type { CreateTenantInput, Tenant } from "@jeex/contracts/tenants";
import { isUniqueViolation } from "@jeex/db/errors";
import { type SystemQueries, tenantCreateOperation } from "@jeex/db/system";
import type { Principal } from "../auth/principal.ts";
import { ConflictError } from "../errors.ts";
import {
  assertSameInput,
  idempotencyInputHash,
  idempotencyNotBefore,
  keyInUse,
} from "../idempotency/with-idempotency.ts";

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

/**
 * Makes a tenant the caller owns. Keyed, its record lives in the new tenant (written in the same
 * system transaction), so the retry finds it by the caller's user id and key.
 */
export async function createTenant(
  system: SystemQueries,
  ownerUserId: string,
  input: CreateTenantInput,
): Promise<Tenant> {
  const { idempotencyKey: key, slug, name } = input;
  const keyed = key
    ? { key, inputSha256: idempotencyInputHash(input), notBefore: idempotencyNotBefore() }
    : undefined;
  if (keyed) {
    const earlier = await system.findTenantCreation(ownerUserId, keyed.key, keyed.notBefore);
    if (earlier) {
      assertSameInput(tenantCreateOperation, earlier.inputSha256, keyed.inputSha256);
      return { ...(earlier.result as Omit<Tenant, "role">), role: "owner" };
    }
  }
  try {
    const tenant = await system.createTenantWithOwner({ slug, name, ownerUserId }, keyed);
    return { ...tenant, role: "owner" };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A racing request with this key committed first (or the slug is somebody else's).
    if (keyed && (await system.findTenantCreation(ownerUserId, keyed.key, keyed.notBefore))) throw keyInUse();
    throw new ConflictError(`the slug ${slug} is taken`);
  }
}
