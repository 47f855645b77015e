import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { auditLog } from "../schema/audit.ts";
import type { TenantTransaction } from "../tenant.ts";

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEvent {
  actorKind: string;
  action: string;
  targetType?: string | undefined;
  targetId?: string | undefined;
  details?: Record<string, unknown> | undefined;
  requestId?: string | undefined;
  ip?: string | undefined;
}

/** The tenant's audit trail: append and read, nothing else (jeex_app has no UPDATE or DELETE on it). */
export function createAuditRepository({ db, scope }: TenantTransaction) {
  return {
    async record(event: AuditEvent): Promise<void> {
      await db.insert(auditLog).values({
        ...event,
        details: event.details ?? {},
        tenantId: scope.tenantId,
        actorUserId: scope.userId,
      });
    },

    list({
      beforeId,
      limit,
      action,
    }: {
      beforeId?: string | undefined;
      limit: number;
      action?: string | undefined;
    }) {
      const conditions: SQL[] = [eq(auditLog.tenantId, scope.tenantId)];
      if (beforeId) conditions.push(lt(auditLog.id, beforeId));
      if (action) conditions.push(eq(auditLog.action, action));
      return db
        .select()
        .from(auditLog)
        .where(and(...conditions))
        .orderBy(desc(auditLog.id))
        .limit(limit);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
