import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import { DependencyUnavailableError } from "@jeex/core/errors";
import type { EventLog } from "@jeex/core/events/port";
import { type ExportJob, exportJobs } from "@jeex/core/exports/export-jobs";
import { createExportHandler, markExportFailed } from "@jeex/core/exports/run-export";
import { idempotencyNotBefore } from "@jeex/core/idempotency";
import { activeTraceparent } from "@jeex/core/workflow/trace-context";
import type { Database } from "@jeex/db/client";
import type { FastifyBaseLogger } from "fastify";
import type { AppConfig } from "../config.ts";
import { createJobRecovery, createJobRuntime } from "../jobs.ts";

export interface ExportRuntimeOptions {
  /** Build exports in this process (the API with WORKER_IN_API, or the dedicated worker). */
  runWorker: boolean;
  /** The project event log the workflow runtime owns: export progress goes on the same stream. */
  events: EventLog<ProgressEvent>;
}

/**
 * The `exports` job queue (BullMQ when REDIS_URL is set, in-process otherwise), an optional
 * worker, the re-queuing of unfinished exports whose job may be lost, and the periodic sweep that
 * deletes expired archives.
 */
export function createExportRuntime(
  config: AppConfig,
  db: Database,
  log: FastifyBaseLogger,
  options: ExportRuntimeOptions,
) {
  const settings = config.exports;
  const { events } = options;
  const handler = createExportHandler({ db, events, ttlMs: settings.ttlMs });
  const failForGood = async (job: ExportJob, error: unknown) => {
    log.error({ err: error, exportId: job.exportId }, "export job failed for good");
    await markExportFailed({ db, events }, job, {
      code: "WORKER_FAILED",
      message: "the pack could not be built (worker or database failure); create the export again",
    });
  };

  const { queue, runner } = createJobRuntime(config, log, {
    kind: exportJobs,
    handler,
    runWorker: options.runWorker,
    onFailed: failForGood,
  });

  /** After the request committed its queued export: announce it, then enqueue it (so "queued" comes first). */
  async function dispatchExport(job: ExportJob) {
    // Still inside the request: the job carries its trace, so the worker's span joins it.
    const traceparent = activeTraceparent();
    try {
      await events.append(
        { tenantId: job.tenantId, projectId: job.projectId },
        {
          type: "export.queued",
          exportId: job.exportId,
          projectId: job.projectId,
          at: new Date().toISOString(),
        },
      );
      await queue.enqueue({ ...job, traceparent });
    } catch (error) {
      log.error({ err: error, exportId: job.exportId }, "could not enqueue an export");
      await markExportFailed({ db, events }, job, {
        code: "QUEUE_UNAVAILABLE",
        message: "the job queue is unavailable",
      }).catch(() => {});
      throw new DependencyUnavailableError("the job queue is unavailable; the export was not started");
    }
  }

  /**
   * Deletes expired exports of every tenant (system path: no tenant context is involved), and
   * idempotency records past their lifetime on the same timer: both are housekeeping of old answers.
   */
  async function sweepExpired(now = new Date()): Promise<number> {
    const deleted = await db.system.deleteExpiredExports(now);
    if (deleted > 0) log.info({ deleted }, "expired exports deleted");
    const keys = await db.system.deleteExpiredIdempotencyKeys(idempotencyNotBefore(now.getTime()));
    if (keys > 0) log.info({ deleted: keys }, "expired idempotency keys deleted");
    return deleted;
  }

  /** Unfinished exports queued again (see createJobRecovery for when and why), with their trace. */
  const recovery = createJobRecovery(config, log, [
    {
      name: exportJobs.name,
      async requeue(createdBefore) {
        let offered = 0;
        for (const run of await db.system.unfinishedExports({ createdBefore })) {
          if (!run.userId) continue; // its creator is gone: nobody to build it as
          await queue.enqueue({
            exportId: run.exportId,
            tenantId: run.tenantId,
            projectId: run.projectId,
            userId: run.userId,
            traceparent: run.traceparent ?? undefined,
          });
          offered++;
        }
        return offered;
      },
    },
  ]);

  let sweepTimer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweepInBackground = () => {
    sweeping = sweepExpired().catch((error: unknown) =>
      log.warn({ err: error }, "sweeping expired exports failed"),
    );
  };

  return {
    dispatchExport,
    sweepExpired,
    /** One re-queue pass now (start() runs the first; with Redis a timer runs the rest). */
    recoverLostJobs: recovery.sweep,
    async start() {
      runner?.start();
      await recovery.start();
      sweepInBackground();
      // Every process sweeps: deleting an already-deleted row is a no-op, so instances need no coordination.
      sweepTimer = setInterval(sweepInBackground, settings.sweepIntervalMs);
      sweepTimer.unref();
    },
    async stop(deadlineMs: number) {
      clearInterval(sweepTimer);
      await recovery.stop();
      await runner?.stop(deadlineMs);
      await queue.close();
      await sweeping;
    },
  };
}

export type ExportRuntime = ReturnType<typeof createExportRuntime>;
