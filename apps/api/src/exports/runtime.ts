import { DependencyUnavailableError } from "@jeex/core/errors";
import { createExportHandler, type ExportJob, exportJobs, markExportFailed } from "@jeex/core/exports";
import { idempotencyNotBefore } from "@jeex/core/idempotency";
import { activeTraceparent } from "@jeex/core/workflow";
import type { Runtime, RuntimeFeature } from "../runtime/create-runtime.ts";
import { requeueAsCreator } from "../runtime/jobs.ts";

/**
 * Exports on the shared runtime: the `exports` job queue with its runner when the runtime runs a
 * worker (progress on the runtime's project event log, beside the steps'), the re-queuing of
 * unfinished exports whose job may be lost (the runtime's recovery), and the periodic sweep that
 * deletes expired archives.
 */
export function createExportFeature(runtime: Runtime) {
  const { config, db, log, events } = runtime;
  const settings = config.exports;
  const handler = createExportHandler({ db, events, ttlMs: settings.ttlMs });
  const failForGood = async (job: ExportJob, error: unknown) => {
    log.error({ err: error, exportId: job.exportId }, "export job failed for good");
    await markExportFailed({ db, events }, job, {
      code: "WORKER_FAILED",
      message: "the pack could not be built (worker or database failure); create the export again",
    });
  };

  const { queue, runner } = runtime.jobs({ kind: exportJobs, handler, onFailed: failForGood });

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
  const lostJobs = [
    {
      name: exportJobs.name,
      requeue: async (createdBefore: Date | undefined) =>
        requeueAsCreator(await db.system.unfinishedExports({ createdBefore }), (run, scope) =>
          queue.enqueue({ exportId: run.exportId, ...scope }),
        ),
    },
  ];

  let sweepTimer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweepInBackground = () => {
    sweeping = sweepExpired().catch((error: unknown) =>
      log.warn({ err: error }, "sweeping expired exports failed"),
    );
  };

  const feature = {
    dispatchExport,
    sweepExpired,
    lostJobs,
    /** One re-queue pass of unfinished exports now (the runtime's start runs the first). */
    recoverLostJobs: () => runtime.recoverLostJobs([exportJobs.name]),
    async start() {
      runner?.start();
      sweepInBackground();
      // Every process sweeps: deleting an already-deleted row is a no-op, so instances need no coordination.
      sweepTimer = setInterval(sweepInBackground, settings.sweepIntervalMs);
      sweepTimer.unref();
    },
    /** A pack build is short: it gets at most a quarter of SHUTDOWN_TIMEOUT_MS, whatever the steps get. */
    async stop(deadlineMs: number) {
      clearInterval(sweepTimer);
      await runner?.stop(Math.min(deadlineMs, config.shutdownTimeoutMs / 4));
      await queue.close();
      await sweeping;
    },
  };
  return feature satisfies RuntimeFeature;
}

export type ExportFeature = ReturnType<typeof createExportFeature>;
