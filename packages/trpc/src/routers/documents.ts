import {
  activateInputSchema,
  confirmDocumentInputSchema,
  confirmedDocumentSchema,
  diffInputSchema,
  diffOutputSchema,
  documentPageSchema,
  documentWithContentSchema,
  getDocumentInputSchema,
  listDocumentsInputSchema,
  listVersionsInputSchema,
  resolveMergeInputSchema,
  saveEditInputSchema,
  type VersionSummary,
  versionPageSchema,
  versionSummarySchema,
} from "@jeex/contracts/documents";
import { documentsReportInputSchema, documentsReportSchema } from "@jeex/contracts/quality";
import {
  activateVersion,
  confirmDocument,
  diffVersions,
  getDocument,
  listDocuments,
  listVersions,
  resolveMerge,
  saveEdit,
} from "@jeex/core/documents";
import { readQualityReport } from "@jeex/core/quality";
import type { RouterServices } from "../context.ts";
import { tenantMutation, tenantQuery } from "../tenant-calls.ts";
import type { TenantHandlerContext } from "../tenant-handler-context.ts";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";
import { refreshReportAfterCommit } from "./quality-refresh.ts";

/** Once the newly active version is committed, project memory re-indexes the document. */
function reindexAfterCommit(
  ctx: { tenant: TenantHandlerContext; services: RouterServices },
  version: VersionSummary,
) {
  const { tenantId, userId } = ctx.tenant.access;
  ctx.tenant.afterCommit(() =>
    ctx.services.memory.requestIndexing({
      tenantId,
      userId,
      documentId: version.documentId,
      versionId: version.id,
    }),
  );
  return version;
}

export const documentsRouter = router({
  list: tenantQuery(viewerProcedure, listDocumentsInputSchema, documentPageSchema, listDocuments),
  versions: tenantQuery(viewerProcedure, listVersionsInputSchema, versionPageSchema, listVersions),
  get: tenantQuery(viewerProcedure, getDocumentInputSchema, documentWithContentSchema, getDocument),
  diff: tenantQuery(viewerProcedure, diffInputSchema, diffOutputSchema, diffVersions),
  saveEdit: editorProcedure
    .input(saveEditInputSchema)
    .output(versionSummarySchema)
    .mutation(async ({ ctx, input }) => reindexAfterCommit(ctx, await saveEdit(ctx.tenant, input))),
  activate: editorProcedure
    .input(activateInputSchema)
    .output(versionSummarySchema)
    .mutation(async ({ ctx, input }) => reindexAfterCommit(ctx, await activateVersion(ctx.tenant, input))),
  /** Settles a re-run's merge with a person's edit: accept it, take the agent's output, keep the edit. */
  resolveMerge: editorProcedure
    .input(resolveMergeInputSchema)
    .output(versionSummarySchema)
    .mutation(async ({ ctx, input }) => reindexAfterCommit(ctx, await resolveMerge(ctx.tenant, input))),
  // Pending (edited since the worker's last report): recomputed once this transaction ends.
  report: viewerProcedure
    .input(documentsReportInputSchema)
    .output(documentsReportSchema)
    .query(async ({ ctx, input }) => {
      const report = await readQualityReport(ctx.tenant, input);
      if (report.status === "pending") refreshReportAfterCommit(ctx, input.projectId);
      return report;
    }),
  confirm: tenantMutation(
    editorProcedure,
    confirmDocumentInputSchema,
    confirmedDocumentSchema,
    confirmDocument,
  ),
});
