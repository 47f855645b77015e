import { eq, inArray } from "drizzle-orm";
import { exportsTable } from "../schema/exports.ts";
import type { TenantTransaction } from "../tenant.ts";
import { inTenantOf } from "./in-tenant.ts";
import { inLiveProject } from "./live-project.ts";
import { type NewestFirstPage, newestFirstPage } from "./newest-first.ts";

export type ExportRow = typeof exportsTable.$inferSelect;
/** An export without its archive bytes (or the job's trace context): what every read except the download needs. */
export type ExportRecord = Omit<ExportRow, "archive" | "traceparent">;
/** What lists show: no archive, no manifest. */
export type ExportListRow = Omit<ExportRecord, "manifest">;
export interface ExportError {
  code: string;
  message: string;
}

export interface BuiltArchive {
  archive: Uint8Array;
  manifest: unknown;
  sha256: string;
  sizeBytes: number;
  expiresAt: Date;
}

const listColumns = {
  id: exportsTable.id,
  tenantId: exportsTable.tenantId,
  projectId: exportsTable.projectId,
  status: exportsTable.status,
  sha256: exportsTable.sha256,
  sizeBytes: exportsTable.sizeBytes,
  error: exportsTable.error,
  expiresAt: exportsTable.expiresAt,
  createdBy: exportsTable.createdBy,
  createdAt: exportsTable.createdAt,
  finishedAt: exportsTable.finishedAt,
};
const recordColumns = { ...listColumns, manifest: exportsTable.manifest };

/** Export records of the transaction's tenant. The archive bytes are only read by the download path. */
export function createExportRepository({ db, scope }: TenantTransaction) {
  const inTenant = inTenantOf(exportsTable.tenantId, scope);
  const unfinished = inArray(exportsTable.status, ["queued", "running"]);

  return {
    /** `traceparent`: the queuing request's trace, kept so a re-queued job still joins it. */
    async insert(fields: {
      projectId: string;
      expiresAt: Date;
      traceparent?: string | undefined;
    }): Promise<ExportListRow> {
      const [row] = await db
        .insert(exportsTable)
        .values({ ...fields, tenantId: scope.tenantId, createdBy: scope.userId })
        .returning(listColumns);
      if (!row) throw new Error("insert returned no export");
      return row;
    },

    /** By id, while its project is live (an export of a deleted project goes with it). */
    async find(id: string): Promise<ExportRecord | undefined> {
      const [row] = await db
        .select(recordColumns)
        .from(exportsTable)
        .where(inTenant(inLiveProject(exportsTable.projectId), eq(exportsTable.id, id)))
        .limit(1);
      return row;
    },

    /** Newest first; callers fetch one extra row to learn whether a next page exists. */
    listForProject({ projectId, ...page }: NewestFirstPage & { projectId: string }) {
      const query = db.select(listColumns).from(exportsTable).$dynamic();
      return newestFirstPage(query, exportsTable.id, page, inTenant(eq(exportsTable.projectId, projectId)));
    },

    /**
     * Marks a queued export running and returns it; a retried job may claim a running one again.
     * Undefined when it has finished (or is gone), so a duplicate job does nothing.
     */
    async claim(id: string): Promise<ExportListRow | undefined> {
      const [row] = await db
        .update(exportsTable)
        .set({ status: "running" })
        .where(inTenant(eq(exportsTable.id, id), unfinished))
        .returning(listColumns);
      return row;
    },

    /** Stores the archive of a running export; false when it is no longer running. */
    async succeed(id: string, built: BuiltArchive): Promise<boolean> {
      const rows = await db
        .update(exportsTable)
        .set({ ...built, status: "succeeded", error: null, finishedAt: new Date() })
        .where(inTenant(eq(exportsTable.id, id), eq(exportsTable.status, "running")))
        .returning({ id: exportsTable.id });
      return rows.length > 0;
    },

    /** Ends an unfinished export as failed; false when it had already finished. */
    async fail(id: string, error: ExportError): Promise<boolean> {
      const rows = await db
        .update(exportsTable)
        .set({ status: "failed", error, finishedAt: new Date() })
        .where(inTenant(eq(exportsTable.id, id), unfinished))
        .returning({ id: exportsTable.id });
      return rows.length > 0;
    },
  };
}

export type ExportRepository = ReturnType<typeof createExportRepository>;
