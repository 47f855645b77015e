import type { DocumentsReport, QualityReport } from "@jeex/contracts/quality";
import type { Database } from "@jeex/db/client";
import type { ProjectRepository } from "@jeex/db/repositories";
import {
  type ActiveDocument,
  createDocumentRepository,
  createQualityReportRepository,
  type DocumentRepository,
  type QualityReportRepository,
  type QualityReportRow,
} from "@jeex/db/repositories";
import type { TenantScope } from "@jeex/db/tenant";
import { assertProjectExists } from "../projects/service.ts";
import { runTextWork } from "../text-work/pool.ts";
import { CHECKS_VERSION } from "./check-pack.ts";
import type { PackFile } from "./pack-file.ts";

const toPackFile = (doc: ActiveDocument): PackFile => ({
  path: doc.path,
  step: doc.step,
  kind: doc.kind,
  title: doc.title,
  version: doc.version,
  versionId: doc.activeVersionId ?? "",
  content: doc.content,
  stale: doc.stale,
  // Versions carry `needsReview` once merges on re-run have landed; until then nothing needs it.
  needsReview: "needsReview" in doc && doc.needsReview === true,
});

/** The active version ids a report is keyed by, sorted. */
const versionIdsOf = (docs: { activeVersionId: string | null }[]) =>
  docs.flatMap((doc) => (doc.activeVersionId ? [doc.activeVersionId] : [])).sort();

/** Runs the checks over active documents on a text-work thread (Mermaid's parser is CPU work). */
export async function computeQualityReport(docs: ActiveDocument[], signal?: AbortSignal) {
  const { findings, counts } = await runTextWork("checkPack", docs.map(toPackFile), signal);
  return { versionIds: versionIdsOf(docs), findings, counts, checksVersion: CHECKS_VERSION };
}

/**
 * Computes the project's quality report from its active versions and stores it with their ids.
 * Runs in the worker after a successful step, between two short tenant transactions: none is
 * held open while the checks run.
 */
export async function refreshQualityReport(
  db: Database,
  scope: TenantScope,
  projectId: string,
  signal?: AbortSignal,
): Promise<QualityReportRow | null> {
  // Read only: its COMMIT is not waited for (TenantTransactionOptions).
  const docs = await db.withTenant(scope, (tx) => createDocumentRepository(tx).listActive(projectId), {
    readOnly: true,
  });
  if (docs.length === 0) return null;
  const { counts, ...report } = await computeQualityReport(docs, signal);
  return db.withTenant(scope, (tx) =>
    createQualityReportRepository(tx).save({ projectId, ...report, ...counts }),
  );
}

export const toQualityReport = (row: QualityReportRow): QualityReport => ({
  versionIds: row.versionIds,
  counts: { errors: row.errors, warnings: row.warnings, infos: row.infos },
  findings: row.findings as QualityReport["findings"],
  checksVersion: row.checksVersion,
  computedAt: row.createdAt.toISOString(),
});

export interface QualityContext {
  projects: ProjectRepository;
  documents: DocumentRepository;
  quality: QualityReportRepository;
}

/**
 * `documents.report`: the stored report, `current` when it read exactly the active versions and
 * today's checks. Otherwise `pending`: the worker computes a new one after the next step (an
 * edit since the last step is reported then); the request thread never runs the checks.
 */
export async function readQualityReport(
  ctx: QualityContext,
  input: { projectId: string },
): Promise<DocumentsReport> {
  await assertProjectExists(ctx.projects, input.projectId);
  const row = await ctx.quality.latest(input.projectId);
  if (!row) return { status: "none", report: null };
  const active = versionIdsOf(await ctx.documents.listActiveSummaries(input.projectId));
  const current =
    row.checksVersion === CHECKS_VERSION &&
    row.versionIds.length === active.length &&
    row.versionIds.every((id, index) => id === active[index]);
  return { status: current ? "current" : "pending", report: toQualityReport(row) };
}
