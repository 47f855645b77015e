import type { AnyDatabase } from "../types.ts";
import { apiKeySystemQueries } from "./api-keys.ts";
import { executionSystemQueries } from "./executions.ts";
import { exportSystemQueries } from "./exports.ts";
import { idempotencySystemQueries } from "./idempotency.ts";
import { identitySystemQueries } from "./identities.ts";
import { invitationSystemQueries } from "./invitations.ts";
import { memoryIndexSystemQueries } from "./memory-index-requests.ts";
import { sessionSystemQueries } from "./sessions.ts";

/**
 * The only queries that run without a tenant context (as the connecting role, which bypasses
 * RLS): credential look-ups before the tenant is known, sign-in, and provisioning. Each is
 * named for its purpose; there is no general-purpose escape hatch.
 */
export function createSystemQueries(db: AnyDatabase) {
  return {
    ...apiKeySystemQueries(db),
    ...identitySystemQueries(db),
    ...idempotencySystemQueries(db),
    ...invitationSystemQueries(db),
    ...sessionSystemQueries(db),
    ...executionSystemQueries(db),
    ...exportSystemQueries(db),
    ...memoryIndexSystemQueries(db),
  };
}

export type SystemQueries = ReturnType<typeof createSystemQueries>;
export type { ApiKeyCredential, ProvisionApiKeyInput } from "./api-keys.ts";
export { type TenantCreationKey, tenantCreateOperation } from "./idempotency.ts";
export type { MembershipRow, OidcIdentity } from "./identities.ts";
export type { InvitationAnswer } from "./invitations.ts";
