import { index, integer, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { bytes, createdAt, timestampMs } from "./columns.ts";
import { tenantIsolation } from "./rls.ts";
import { projectRowColumns, sameTenantProject } from "./tenant-columns.ts";
import { namedUser } from "./user-columns.ts";

export const exportStatus = pgEnum("export_status", ["queued", "running", "succeeded", "failed"]);

/** A built documentation pack: the ZIP itself (bytea), its manifest, digest and expiry. */
export const exportsTable = pgTable(
  "exports",
  {
    ...projectRowColumns(),
    status: exportStatus().notNull().default("queued"),
    manifest: jsonb().$type<unknown>(),
    archive: bytes(),
    sha256: text(),
    sizeBytes: integer(),
    error: jsonb().$type<{ code: string; message: string }>(),
    expiresAt: timestampMs().notNull(),
    /** W3C trace context of the request that queued it, so a re-queued job still joins its trace. */
    traceparent: text(),
    createdBy: namedUser(),
    createdAt: createdAt(),
    finishedAt: timestampMs(),
  },
  (t) => [
    sameTenantProject("exports", t),
    index("exports_project_idx").on(t.tenantId, t.projectId, t.id.desc()),
    index("exports_expiry_idx").on(t.expiresAt),
    tenantIsolation("exports", t.tenantId),
  ],
);
