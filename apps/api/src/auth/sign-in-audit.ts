import type { Database } from "@jeex/db/client";
import { createAuditRepository } from "@jeex/db/repositories/audit";

export interface SignInAuditEvent {
  userId: string;
  action: "auth.sign_in" | "auth.sign_out";
  requestId: string;
  ip: string;
  details: Record<string, unknown>;
}

/**
 * A sign-in or sign-out concerns every tenant the user belongs to, so each tenant's own audit
 * trail gets the row, written inside that tenant's transaction (RLS in force).
 */
export async function recordSignInEvent(db: Database, event: SignInAuditEvent): Promise<void> {
  const memberships = await db.system.listMemberships(event.userId);
  for (const { tenantId } of memberships) {
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
