import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";

/** The checks of the pack's quality report (README, "The pack checks itself"). */
export const qualityCheckSchema = z.enum(["traceability", "decisions", "diagrams", "links", "freshness"]);
export type QualityCheck = z.infer<typeof qualityCheckSchema>;

export const qualitySeveritySchema = z.enum(["error", "warning", "info"]);
export type QualitySeverity = z.infer<typeof qualitySeveritySchema>;

/** One finding: where it is (document, version, line), how bad, a stable code and a sentence. */
export const qualityFindingSchema = z.object({
  check: qualityCheckSchema,
  /** Stable, machine-readable (e.g. `scope-item-uncovered`), for CI filters. */
  code: z.string(),
  severity: qualitySeveritySchema,
  path: z.string(),
  /** The version of the document the finding was read from; null when the document is missing. */
  version: z.number().int().nullable(),
  /** 1-based line in that version; null when the finding is about the whole document. */
  line: z.number().int().positive().nullable(),
  message: z.string(),
});
export type QualityFinding = z.infer<typeof qualityFindingSchema>;

export const qualityCountsSchema = z.object({
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  infos: z.number().int().nonnegative(),
});
export type QualityCounts = z.infer<typeof qualityCountsSchema>;

/** A report as stored and exported (`quality.json`). */
export const qualityReportSchema = z.object({
  /** The active version ids the report read, sorted. */
  versionIds: z.array(idSchema),
  counts: qualityCountsSchema,
  findings: z.array(qualityFindingSchema),
  checksVersion: z.string(),
  computedAt: timestampSchema,
});
export type QualityReport = z.infer<typeof qualityReportSchema>;

export const documentsReportInputSchema = z.object({ projectId: idSchema });

/**
 * `documents.report`: the latest report, and whether it read the currently active versions.
 * `pending`: the worker has not yet computed one for the current versions (a step or edit since).
 */
export const documentsReportSchema = z.object({
  status: z.enum(["current", "pending", "none"]),
  report: qualityReportSchema.nullable(),
});
export type DocumentsReport = z.infer<typeof documentsReportSchema>;

/** Where a finding is, as people read it: `docs/specs.md:12 (v3)`. */
export const findingLocation = (finding: Pick<QualityFinding, "path" | "line" | "version">): string =>
  `${finding.path}${finding.line ? `:${finding.line}` : ""}${finding.version ? ` (v${finding.version})` : ""}`;
