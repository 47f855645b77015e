import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, timeOrderedId } from "./columns.ts";
import { tenantIsolation } from "./rls.ts";
import { tenantColumn } from "./tenant-columns.ts";

/** Who did what to whom, per tenant: sign-ins, keys, memberships and roles. Append-only for jeex_app. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: timeOrderedId(),
    tenantId: tenantColumn(),
    actorUserId: uuid(),
    /** How the actor authenticated: session, api-key, access-token or system. */
    actorKind: text().notNull(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    requestId: text(),
    ip: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_tenant_idx").on(t.tenantId, t.id.desc()),
    tenantIsolation("audit_log", t.tenantId),
  ],
);
