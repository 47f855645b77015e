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
  diffVersions,
  getDocument,
  listDocuments,
  listVersions,
  saveEdit,
} from "@jeex/core/documents";
import { confirmDocument } from "@jeex/core/documents/confirm";
import { resolveMerge } from "@jeex/core/documents/resolve-merge";
import { readQualityReport } from "@jeex/core/quality";
import type { RouterServices } from "../context.ts";
import type { TenantScope } from "../scope.ts";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";
import { refreshReportAfterCommit } from "./quality-refresh.ts";

/** Once the newly active version is committed, project memory re-indexes the document. */
function reindexAfterCommit(ctx: { scope: TenantScope; services: RouterServices }, version: VersionSummary) {
  const { tenantId, userId } = ctx.scope.access;
  ctx.scope.afterCommit(() =>
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
  list: viewerProcedure
    .input(listDocumentsInputSchema)
    .output(documentPageSchema)
    .query(({ ctx, input }) => listDocuments(ctx.scope, input)),
  versions: viewerProcedure
    .input(listVersionsInputSchema)
    .output(versionPageSchema)
    .query(({ ctx, input }) => listVersions(ctx.scope, input)),
  get: viewerProcedure
    .input(getDocumentInputSchema)
    .output(documentWithContentSchema)
    .query(({ ctx, input }) => getDocument(ctx.scope, input)),
  diff: viewerProcedure
    .input(diffInputSchema)
    .output(diffOutputSchema)
    .query(({ ctx, input }) => diffVersions(ctx.scope, input)),
  saveEdit: editorProcedure
    .input(saveEditInputSchema)
    .output(versionSummarySchema)
    .mutation(async ({ ctx, input }) => reindexAfterCommit(ctx, await saveEdit(ctx.scope, input))),
  activate: editorProcedure
    .input(activateInputSchema)
    .output(versionSummarySchema)
    .mutation(async ({ ctx, input }) => reindexAfterCommit(ctx, await activateVersion(ctx.scope, input))),
  /** Settles a re-run's merge with a person's edit: accept it, take the agent's output, keep the edit. */
  resolveMerge: editorProcedure
    .input(resolveMergeInputSchema)
    .output(versionSummarySchema)
    .mutation(async ({ ctx, input }) => reindexAfterCommit(ctx, await resolveMerge(ctx.scope, input))),
  // Pending (edited since the worker's last report): recomputed once this transaction ends.
  report: viewerProcedure
    .input(documentsReportInputSchema)
    .output(documentsReportSchema)
    .query(async ({ ctx, input }) => {
      const report = await readQualityReport(ctx.scope, input);
      if (report.status === "pending") refreshReportAfterCommit(ctx, input.projectId);
      return report;
    }),
  confirm: editorProcedure
    .input(confirmDocumentInputSchema)
    .output(confirmedDocumentSchema)
    .mutation(({ ctx, input }) => confirmDocument(ctx.scope, input)),
});
