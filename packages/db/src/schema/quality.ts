import { integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.ts";
import { tenantIsolation } from "./rls.ts";
import { projectRowColumns, sameTenantProject } from "./tenant-columns.ts";

/** One finding of the pack's quality report (the contract in @jeex/contracts/quality checks it). */
export interface StoredQualityFinding {
  check: string;
  code: string;
  severity: "error" | "warning" | "info";
  path: string;
  version: number | null;
  line: number | null;
  message: string;
}

/**
 * The latest quality report of a project's pack, computed by the worker after a step, with the
 * active versions it read: a report is current while those are still the active versions.
 * One row per project; a newer report replaces the older one.
 */
export const qualityReports = pgTable(
  "quality_reports",
  {
    ...projectRowColumns(),
    /** The active version ids the report read, sorted. */
    versionIds: jsonb().$type<string[]>().notNull(),
    findings: jsonb().$type<StoredQualityFinding[]>().notNull(),
    errors: integer().notNull(),
    warnings: integer().notNull(),
    infos: integer().notNull(),
    /** Which checks produced it, so a report from older checks can be told apart. */
    checksVersion: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    sameTenantProject("quality_reports", t),
    uniqueIndex("quality_reports_project_key").on(t.tenantId, t.projectId),
    tenantIsolation("quality_reports", t.tenantId),
  ],
);
