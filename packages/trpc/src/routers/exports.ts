import {
  createExportInputSchema,
  exportIdInputSchema,
  listExportsInputSchema,
} from "@jeex/contracts/exports";
import { createExport, getExport, listExports } from "@jeex/core/exports";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";

export const exportsRouter = router({
  create: editorProcedure.input(createExportInputSchema).mutation(({ ctx, input }) =>
    createExport(
      {
        ...ctx.scope,
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
    .query(({ ctx, input }) =>
      getExport({ ...ctx.scope, downloadLink: ctx.services.exports.downloadLink }, input),
    ),
  list: viewerProcedure
    .input(listExportsInputSchema)
    .query(({ ctx, input }) => listExports(ctx.scope, input)),
});
