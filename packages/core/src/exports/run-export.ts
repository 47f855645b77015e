import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import type { Database } from "@jeex/db/client";
import type { ActiveDocument } from "@jeex/db/repositories";
import {
  createDocumentRepository,
  createExportRepository,
  createProjectRepository,
  type ExportError,
} from "@jeex/db/repositories";
import { type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { EventLog } from "../events/port.ts";
import { computeQualityReport } from "../quality/service.ts";
import type { JobHandler } from "../queue/port.ts";
import { inSpan } from "../telemetry/span.ts";
import { contextOfTraceparent } from "../workflow/trace-context.ts";
import { buildPack } from "./build-pack.ts";
import { assertPackComplete, IncompletePackError } from "./completeness.ts";
import type { ExportJob } from "./export-jobs.ts";
import type { PackDocument } from "./pack-document.ts";
import { UnsafePackPathError } from "./pack-layout.ts";
import { exportProgress } from "./progress.ts";

export interface ExportWorkerDeps {
  db: Database;
  events: EventLog<ProgressEvent>;
  /** How long a built archive is kept, from the moment it is stored. */
  ttlMs: number;
}

const tracer = trace.getTracer("jeex-exports");

/** A reason the pack cannot be built that retrying will not change: recorded on the export. */
class ExportRefusedError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

function recordedErrorOf(error: unknown): ExportError | undefined {
  if (error instanceof ExportRefusedError) return { code: error.code, message: error.message };
  if (error instanceof IncompletePackError) return { code: "PACK_INCOMPLETE", message: error.message };
  if (error instanceof UnsafePackPathError) return { code: "UNSAFE_PATH", message: error.message };
  return undefined;
}

/** An active document as a pack carries it (the export job's, and the bench's, one mapping). */
export const toPackDocument = (doc: ActiveDocument): PackDocument => ({
  documentId: doc.id,
  versionId: doc.activeVersionId ?? "",
  version: doc.version,
  source: doc.source,
  step: doc.step,
  kind: doc.kind,
  path: doc.path,
  title: doc.title,
  content: doc.content,
  stale: doc.stale,
  needsReview: doc.needsReview,
  versionCreatedAt: doc.versionCreatedAt,
});

/**
 * The worker side of `exports.create`: claim the export and read the project's active versions
 * in one transaction, build the zip outside it, store it in another. A pack that cannot be built
 * (a step lost its documents, the project was deleted) ends the export as `failed`; other errors
 * (database unreachable) are thrown so the queue retries the job.
 */
export function createExportHandler(deps: ExportWorkerDeps): JobHandler<ExportJob> {
  return (job, runnerSignal) =>
    inSpan(
      tracer,
      "exports.run",
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          "jeex.tenant_id": job.tenantId,
          "jeex.project_id": job.projectId,
          "jeex.export_id": job.exportId,
        },
        // A child of the request that queued the export, even when it ran in another process.
        parent: contextOfTraceparent(job.traceparent),
      },
      (span) => runExport(deps, job, runnerSignal, span),
    );
}

async function runExport(deps: ExportWorkerDeps, job: ExportJob, runnerSignal: AbortSignal, span: Span) {
  const scope = { tenantId: job.tenantId, userId: job.userId };
  const publish = exportProgress(
    deps.events,
    { tenantId: job.tenantId, projectId: job.projectId },
    job.exportId,
  );
  const claimed = await deps.db.withTenant(scope, async (tx) => {
    const row = await createExportRepository(tx).claim(job.exportId);
    if (!row) return undefined;
    const project = await createProjectRepository(tx).findLive(row.projectId);
    const documents = project ? await createDocumentRepository(tx).listActive(project.id) : [];
    return { project, documents };
  });
  if (!claimed) return; // finished already (a duplicate or retried job) or deleted with its project

  try {
    await publish("export.progress", { percent: 10, message: "reading the active documents" });
    const { project, documents } = claimed;
    if (!project) throw new ExportRefusedError("PROJECT_NOT_FOUND", "the project was deleted");
    assertPackComplete(documents);
    await publish("export.progress", { percent: 40, message: `packing ${documents.length} documents` });
    // Checked here, from exactly the versions packed: the stored report may predate an edit.
    const quality = await computeQualityReport(documents, runnerSignal);
    const pack = await buildPack(
      { id: project.id, name: project.name, description: project.description },
      documents.map(toPackDocument),
      quality,
    );
    runnerSignal.throwIfAborted();
    await publish("export.progress", { percent: 80, message: "storing the archive" });
    const stored = await deps.db.withTenant(scope, (tx) =>
      createExportRepository(tx).succeed(job.exportId, {
        archive: pack.archive,
        manifest: pack.manifest,
        sha256: pack.sha256,
        sizeBytes: pack.sizeBytes,
        expiresAt: new Date(Date.now() + deps.ttlMs),
      }),
    );
    if (stored) await publish("export.succeeded", {});
    span.setStatus({ code: SpanStatusCode.OK });
  } catch (error) {
    if (runnerSignal.aborted) throw error; // shutting down: the queue hands the job to another worker
    const recorded = recordedErrorOf(error);
    if (!recorded) throw error;
    span.setStatus({ code: SpanStatusCode.ERROR, message: recorded.code });
    await markExportFailed(deps, job, recorded);
  }
}

/** Ends an unfinished export as failed and announces it; used for refusals and for jobs that ran out of retries. */
export async function markExportFailed(
  deps: Pick<ExportWorkerDeps, "db" | "events">,
  job: ExportJob,
  error: ExportError,
): Promise<void> {
  const ended = await deps.db.withTenant({ tenantId: job.tenantId, userId: job.userId }, (tx) =>
    createExportRepository(tx).fail(job.exportId, error),
  );
  if (!ended) return;
  const publish = exportProgress(
    deps.events,
    { tenantId: job.tenantId, projectId: job.projectId },
    job.exportId,
  );
  await publish("export.failed", { error });
}
