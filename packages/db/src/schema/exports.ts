import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.ts";
import { users } from "./identity.ts";
import { vectorBytes } from "./memory.ts";
import { projectColumn, sameTenantProject, tenantColumn, timeOrderedId } from "./project-columns.ts";
import { tenantIsolation } from "./rls.ts";

export const exportStatus = pgEnum("export_status", ["queued", "running", "succeeded", "failed"]);

/** A built documentation pack: the ZIP itself (bytea), its manifest, digest and expiry. */
export const exportsTable = pgTable(
  "exports",
  {
    id: timeOrderedId(),
    tenantId: tenantColumn(),
    projectId: projectColumn(),
    status: exportStatus().notNull().default("queued"),
    manifest: jsonb().$type<unknown>(),
    archive: vectorBytes(),
    sha256: text(),
    sizeBytes: integer(),
    error: jsonb().$type<{ code: string; message: string }>(),
    expiresAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    /** W3C trace context of the request that queued it, so a re-queued job still joins its trace. */
    traceparent: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [
    sameTenantProject("exports", t),
    index("exports_project_idx").on(t.tenantId, t.projectId, t.id.desc()),
    index("exports_expiry_idx").on(t.expiresAt),
    tenantIsolation("exports", t.tenantId),
  ],
);
