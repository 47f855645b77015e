import {
  createExportInputSchema,
  exportDetailSchema,
  exportIdInputSchema,
  exportPageSchema,
  exportSummarySchema,
  listExportsInputSchema,
} from "@jeex/contracts/exports";
import { createExport, getExport, listExports } from "@jeex/core/exports";
import { tenantQuery } from "../tenant-calls.ts";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";

export const exportsRouter = router({
  create: editorProcedure
    .input(createExportInputSchema)
    .output(exportSummarySchema)
    .mutation(({ ctx, input }) =>
      createExport(
        {
          ...ctx.tenant,
          exportTtlMs: ctx.services.exports.ttlMs,
          dispatch: (job) =>
            ctx.services.exports.dispatchExport({
              ...job,
              tenantId: ctx.access.tenantId,
              userId: ctx.access.userId,
            }),
        },
        input,
      ),
    ),
  get: viewerProcedure
    .input(exportIdInputSchema)
    .output(exportDetailSchema)
    .query(({ ctx, input }) =>
      getExport({ ...ctx.tenant, downloadLink: ctx.services.exports.downloadLink }, input),
    ),
  list: tenantQuery(viewerProcedure, listExportsInputSchema, exportPageSchema, listExports),
});
