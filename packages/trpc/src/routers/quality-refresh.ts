import { refreshQualityReport } from "@jeex/core/quality";
import type { RouterServices } from "../context.ts";
import type { TenantScope } from "../scope.ts";

/**
 * A report made pending by an edit is recomputed after the read's transaction commits, on the
 * text-work threads (never the event loop), so the next read is current. A failure (the pool is
 * busy, say) leaves it pending for the next read or step to retry; the read itself still answers.
 */
export function refreshReportAfterCommit(
  ctx: { scope: TenantScope; services: RouterServices },
  projectId: string,
) {
  const { tenantId, userId } = ctx.scope.access;
  ctx.scope.afterCommit(() =>
    refreshQualityReport(ctx.services.db, { tenantId, userId }, projectId).then(
      () => undefined,
      () => undefined,
    ),
  );
}
