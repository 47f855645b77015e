import { DependencyUnavailableError } from "@jeex/core/errors";
import { createExportHandler, type ExportJob, exportJobs, markExportFailed } from "@jeex/core/exports";
import { activeTraceparent } from "@jeex/core/workflow";
import type { Runtime, RuntimeFeature } from "../runtime/create-runtime.ts";
import { requeueAsCreator } from "../runtime/jobs.ts";

/**
 * Exports on the shared runtime: the `exports` job queue with its runner when the runtime runs a
 * worker (progress on the runtime's project event log, beside the steps'), the re-queuing of
 * unfinished exports whose job may be lost (the runtime's recovery), and the deletion of expired
 * archives (the runtime's housekeeping sweep runs it).
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

  /** Deletes expired exports of every tenant, archives included (system path: no tenant context is involved). */
  const sweepExpired = (now = new Date()): Promise<number> => db.system.deleteExpiredExports(now);

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

  const feature = {
    dispatchExport,
    sweepExpired,
    lostJobs,
    expiredRows: [{ what: "expired exports", deleteExpired: sweepExpired }],
    /** One re-queue pass of unfinished exports now (the runtime's start runs the first). */
    recoverLostJobs: () => runtime.recoverLostJobs([exportJobs.name]),
    async start() {
      runner?.start();
    },
    /** A pack build is short: it gets at most a quarter of SHUTDOWN_TIMEOUT_MS, whatever the steps get. */
    async stop(deadlineMs: number) {
      await runner?.stop(Math.min(deadlineMs, config.shutdownTimeoutMs / 4));
      await queue.close();
    },
  };
  return feature satisfies RuntimeFeature;
}

export type ExportFeature = ReturnType<typeof createExportFeature>;
