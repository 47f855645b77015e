import { z } from "zod";
import {
  idempotencyKeySchema,
  idSchema,
  pageSchema,
  paginationInputSchema,
  timestampSchema,
} from "./common.ts";
import { stepSchema } from "./steps.ts";

export const exportStatusSchema = z.enum(["queued", "running", "succeeded", "failed"]);
export type ExportStatus = z.infer<typeof exportStatusSchema>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "a lowercase hex SHA-256");

/** One file of the pack: a document's active version, or the generated README index. */
export const manifestFileSchema = z.object({
  /** Relative to the pack's root folder (where manifest.json sits), e.g. `docs/adr/ADR-001-postgres.md`. */
  path: z.string().min(1).max(300),
  /** `generated` files (the README index) have no document, version id or version number. */
  source: z.enum(["agent", "human", "merged", "generated"]),
  documentId: idSchema.nullable(),
  versionId: idSchema.nullable(),
  version: z.number().int().min(1).nullable(),
  step: stepSchema.nullable(),
  /** An upstream document changed after this version was written (see `workflow.status`). */
  stale: z.boolean(),
  sha256: sha256Hex,
  bytes: z.number().int().min(0),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

/** `<project-slug>/manifest.json`: what the pack holds and where each file came from. */
export const exportManifestSchema = z.object({
  format: z.literal("jeex-pack/1"),
  project: z.object({ id: idSchema, name: z.string(), slug: z.string().min(1) }),
  /**
   * The pack reflects the active versions as of this instant: the newest included version's
   * creation time, not the build's wall-clock time, so the same versions always give a
   * byte-identical archive. When the export ran is the export's `createdAt`/`finishedAt`.
   */
  generatedAt: timestampSchema,
  /** Every file of the archive except manifest.json itself, by path. */
  files: z.array(manifestFileSchema),
});
export type ExportManifest = z.infer<typeof exportManifestSchema>;

export const exportErrorSchema = z.object({ code: z.string(), message: z.string() });

export const exportSummarySchema = z.object({
  id: idSchema,
  projectId: idSchema,
  status: exportStatusSchema,
  /** Of the archive; null until the export succeeded. */
  sha256: sha256Hex.nullable(),
  sizeBytes: z.number().int().nullable(),
  error: exportErrorSchema.nullable(),
  /** After this the archive is refused and then deleted by the periodic sweep. */
  expiresAt: timestampSchema,
  createdBy: idSchema.nullable(),
  createdAt: timestampSchema,
  finishedAt: timestampSchema.nullable(),
});
export type ExportSummary = z.infer<typeof exportSummarySchema>;

/** A signed, expiring link to `GET /exports/:id/download`; whoever holds it can download once or more until it expires. */
export const downloadLinkSchema = z.object({ url: z.url(), expiresAt: timestampSchema });
export type DownloadLink = z.infer<typeof downloadLinkSchema>;

export const exportDetailSchema = exportSummarySchema.extend({
  manifest: exportManifestSchema.nullable(),
  /** Only for a succeeded export that has not expired. */
  download: downloadLinkSchema.nullable(),
});
export type ExportDetail = z.infer<typeof exportDetailSchema>;

export const createExportInputSchema = z.strictObject({
  projectId: idSchema,
  idempotencyKey: idempotencyKeySchema.optional(),
});
export type CreateExportInput = z.infer<typeof createExportInputSchema>;

export const exportIdInputSchema = z.strictObject({ exportId: idSchema });
export type ExportIdInput = z.infer<typeof exportIdInputSchema>;

export const listExportsInputSchema = paginationInputSchema.extend({ projectId: idSchema });
export type ListExportsInput = z.infer<typeof listExportsInputSchema>;
export const exportPageSchema = pageSchema(exportSummarySchema);
