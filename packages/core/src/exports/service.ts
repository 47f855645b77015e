import type { Page } from "@jeex/contracts/common";
import {
  type CreateExportInput,
  type DownloadLink,
  type ExportDetail,
  type ExportIdInput,
  type ExportSummary,
  exportManifestSchema,
  type ListExportsInput,
} from "@jeex/contracts/exports";
import type {
  DocumentRepository,
  ExportListRow,
  ExportRepository,
  ProjectRepository,
} from "@jeex/db/repositories";
import { NotFoundError } from "../errors.ts";
import { type IdempotencyContext, withIdempotency } from "../idempotency/with-idempotency.ts";
import { idCursor, isoOrNull, pageBeforeId } from "../pagination.ts";
import { assertProjectExists } from "../projects/service.ts";
import { activeTraceparent } from "../workflow/trace-context.ts";
import { assertPackComplete } from "./completeness.ts";

const exportCursor = idCursor("x1");

export interface ExportsContext {
  exports: ExportRepository;
  projects: ProjectRepository;
}

export interface CreateExportContext extends ExportsContext, IdempotencyContext {
  documents: DocumentRepository;
  /** How long a finished export is kept. */
  exportTtlMs: number;
  /** Runs after the request's transaction commits (the job must not see an uncommitted row). */
  afterCommit(work: () => Promise<void>): void;
  /** Enqueues the job and announces it; called after commit. */
  dispatch(job: { exportId: string; projectId: string }): Promise<void>;
}

export interface GetExportContext extends ExportsContext {
  downloadLink(exportId: string, exportExpiresAt: Date): DownloadLink;
}

export function toExportSummary(row: ExportListRow): ExportSummary {
  return {
    id: row.id,
    projectId: row.projectId,
    status: row.status,
    sha256: row.sha256,
    sizeBytes: row.sizeBytes,
    error: row.error ?? null,
    expiresAt: row.expiresAt.toISOString(),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: isoOrNull(row.finishedAt),
  };
}

/**
 * Queues a pack build of the project's active versions. Refused up front when a step has no
 * active document (the job checks again: a document can be retired in between).
 */
export async function createExport(
  ctx: CreateExportContext,
  input: CreateExportInput,
): Promise<ExportSummary> {
  // A retry answers with the first export (whatever its status now shows: exports.get tells that).
  return withIdempotency(ctx, "exports.create", input, async () => {
    await assertProjectExists(ctx.projects, input.projectId);
    assertPackComplete(await ctx.documents.listActiveSummaries(input.projectId));
    const row = await ctx.exports.insert({
      projectId: input.projectId,
      // Replaced by "finished + TTL" when the build succeeds; bounds how long a lost job lingers.
      expiresAt: new Date(Date.now() + ctx.exportTtlMs),
      // Kept with the row: a job re-queued after a restart still joins the request's trace.
      traceparent: activeTraceparent(),
    });
    ctx.afterCommit(() => ctx.dispatch({ exportId: row.id, projectId: input.projectId }));
    return toExportSummary(row);
  });
}

/** Status and manifest, and a fresh signed link while the archive can still be downloaded. */
export async function getExport(ctx: GetExportContext, { exportId }: ExportIdInput): Promise<ExportDetail> {
  const row = await ctx.exports.find(exportId);
  // An export of a deleted project goes with it, as its download does.
  if (!row || !(await ctx.projects.findLive(row.projectId))) throw new NotFoundError("export");
  // Written by the job from the same schema; a row it cannot read shows no manifest rather than failing.
  const manifest = exportManifestSchema.safeParse(row.manifest).data ?? null;
  const downloadable = row.status === "succeeded" && row.expiresAt.getTime() > Date.now();
  return {
    ...toExportSummary(row),
    manifest,
    download: downloadable ? ctx.downloadLink(row.id, row.expiresAt) : null,
  };
}

export async function listExports(
  ctx: ExportsContext,
  input: ListExportsInput,
): Promise<Page<ExportSummary>> {
  await assertProjectExists(ctx.projects, input.projectId);
  return pageBeforeId(
    input,
    exportCursor,
    (keyset) => ctx.exports.listForProject({ projectId: input.projectId, ...keyset }),
    toExportSummary,
  );
}
