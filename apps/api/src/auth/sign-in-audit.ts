import type { Database } from "@jeex/db/client";
import { createAuditRepository } from "@jeex/db/repositories";

export interface SignInAuditEvent {
  userId: string;
  action: "auth.sign_in" | "auth.sign_out";
  requestId: string;
  ip: string;
  details: Record<string, unknown>;
}

/**
 * A sign-in or sign-out concerns every tenant the user joined of their own accord (made it, or
 * accepted an invitation), so each of those tenants' audit trails gets the row, written inside
 * that tenant's transaction (RLS in force). A tenant that merely lists them learns nothing of
 * their comings and goings.
 */
export async function recordSignInEvent(db: Database, event: SignInAuditEvent): Promise<void> {
  for (const tenantId of await db.system.listJoinedTenantIds(event.userId)) {
    await db.withTenant({ tenantId, userId: event.userId }, (tx) =>
      createAuditRepository(tx).record({
        actorKind: "session",
        action: event.action,
        targetType: "user",
        targetId: event.userId,
        details: event.details,
        requestId: event.requestId,
        ip: event.ip,
      }),
    );
  }
}
