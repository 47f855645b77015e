import { and, eq, type SQL } from "drizzle-orm";
import { auditLog } from "../schema/audit.ts";
import type { TenantTransaction } from "../tenant.ts";
import { type NewestFirstPage, newestFirstPage } from "./newest-first.ts";

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

    list({ action, ...page }: NewestFirstPage & { action?: string | undefined }) {
      const conditions: SQL[] = [eq(auditLog.tenantId, scope.tenantId)];
      if (action) conditions.push(eq(auditLog.action, action));
      const query = db.select().from(auditLog).$dynamic();
      return newestFirstPage(query, auditLog.id, page, and(...conditions));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
