import type { AuditEntry, ListAuditInput } from "@jeex/contracts/audit";
import type { Page } from "@jeex/contracts/common";
import type { AuditRepository, AuditRow } from "@jeex/db/repositories";
import { idCursor, pageBeforeId } from "../pagination.ts";

const auditCursor = idCursor("a1");

const toAuditEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  actorUserId: row.actorUserId,
  actorKind: row.actorKind,
  action: row.action,
  targetType: row.targetType,
  targetId: row.targetId,
  details: row.details,
  requestId: row.requestId,
  createdAt: row.createdAt.toISOString(),
});

export async function listAuditEntries(
  ctx: { audit: AuditRepository },
  input: ListAuditInput,
): Promise<Page<AuditEntry>> {
  return pageBeforeId(
    input,
    auditCursor,
    (keyset) => ctx.audit.list({ ...keyset, action: input.action }),
    toAuditEntry,
  );
}
