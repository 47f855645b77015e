import type { AuditEvent, AuditRepository } from "@jeex/db/repositories";

/** How the acting request is described in the audit trail. */
export interface AuditActor {
  kind: string;
  requestId?: string | undefined;
  ip?: string | undefined;
}

export interface AuditContext {
  audit: AuditRepository;
  actor: AuditActor;
}

/** Records an event for the acting request, in the same transaction as the change it describes. */
export function recordAudit(ctx: AuditContext, event: Omit<AuditEvent, "actorKind" | "requestId" | "ip">) {
  return ctx.audit.record({
    ...event,
    actorKind: ctx.actor.kind,
    requestId: ctx.actor.requestId,
    ip: ctx.actor.ip,
  });
}
