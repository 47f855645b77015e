import { refreshQualityReport } from "@jeex/core/quality";
import type { RouterServices } from "../context.ts";
import type { TenantHandlerContext } from "../tenant-handler-context.ts";

/**
 * A report made pending by an edit is recomputed after the read's transaction commits, on the
 * text-work threads (never the event loop), so the next read is current. A failure (the pool is
 * busy, say) leaves it pending for the next read or step to retry; the read itself still answers.
 */
// Projects whose report this process is recomputing: reads while one runs do not start another,
// so a tenant polling documents.report costs one computation at a time, not one per call.
const refreshing = new Set<string>();

export function refreshReportAfterCommit(
  ctx: { tenant: TenantHandlerContext; services: RouterServices },
  projectId: string,
) {
  const { tenantId, userId } = ctx.tenant.access;
  const key = `${tenantId}:${projectId}`;
  ctx.tenant.afterCommit(async () => {
    if (refreshing.has(key)) return;
    refreshing.add(key);
    try {
      await refreshQualityReport(ctx.services.db, { tenantId, userId }, projectId);
    } catch {
      // left pending: the next read or step retries
    } finally {
      refreshing.delete(key);
    }
  });
}
