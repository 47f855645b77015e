import {
  createExportInputSchema,
  exportDetailSchema,
  exportIdInputSchema,
  exportPageSchema,
  exportSummarySchema,
  listExportsInputSchema,
} from "@jeex/contracts/exports";
import { type CreateExportContext, createExport, getExport, listExports } from "@jeex/core/exports";
import { jobOwner, type TenantRequestContext, tenantMutation, tenantQuery } from "../tenant-calls.ts";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";

/** A new export lives as long as the deployment says, and its job is queued for the caller's tenant. */
const exportingTenant = (ctx: TenantRequestContext): CreateExportContext => ({
  ...ctx.tenant,
  exportTtlMs: ctx.services.exports.ttlMs,
  dispatch: (job) => ctx.services.exports.dispatchExport({ ...job, ...jobOwner(ctx) }),
});

/** A finished export is offered through a signed download link. */
const withDownloadLinks = (ctx: TenantRequestContext) => ({
  ...ctx.tenant,
  downloadLink: ctx.services.exports.downloadLink,
});

export const exportsRouter = router({
  create: tenantMutation(
    editorProcedure,
    createExportInputSchema,
    exportSummarySchema,
    createExport,
    exportingTenant,
  ),
  get: tenantQuery(viewerProcedure, exportIdInputSchema, exportDetailSchema, getExport, withDownloadLinks),
  list: tenantQuery(viewerProcedure, listExportsInputSchema, exportPageSchema, listExports),
});
