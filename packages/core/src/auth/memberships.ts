import type { SystemQueries } from "@jeex/db/system";
import type { Credential, Principal } from "./principal.ts";

/** A principal for a user whose tenants come from their memberships (sessions and access tokens). */
export async function principalWithMemberships(
  system: SystemQueries,
  userId: string,
  credential: Credential,
): Promise<Principal> {
  const rows = await system.listMemberships(userId);
  return {
    userId,
    credential,
    memberships: rows.map(({ tenantId, role, personal }) => ({ tenantId, role, personal })),
  };
}
