import type { JobHandler, JobKind, JobQueue, JobRunner } from "@jeex/core/queue";
import { createBullmqQueue, createBullmqWorker, createInProcessJobs } from "@jeex/core/queue";
import type { FastifyBaseLogger } from "fastify";
import type { AppConfig } from "../config.ts";

export interface JobRuntimeSpec<J> {
  kind: JobKind<J>;
  handler: JobHandler<J>;
  /** Take jobs in this process (the API with WORKER_IN_API, or a dedicated worker). */
  runWorker: boolean;
  onFailed?: (job: J, error: unknown) => Promise<void>;
  /** Concurrency of the in-process runner, when it differs from WORKER_CONCURRENCY. */
  inProcessConcurrency?: number;
}

/**
 * One kind of job on BullMQ when REDIS_URL is set (a worker here only with `runWorker`), or on the
 * in-process runner otherwise — the same choice for steps, exports and memory indexing.
 */
export function createJobRuntime<J>(
  config: AppConfig,
  log: FastifyBaseLogger,
  spec: JobRuntimeSpec<J>,
): { queue: JobQueue<J>; runner: JobRunner | undefined } {
  const { workflow, redisUrl } = config;
  const hooks = { onFailed: spec.onFailed, log };
  if (!redisUrl) {
    const jobs = createInProcessJobs({
      kind: spec.kind,
      handler: spec.handler,
      concurrency: spec.inProcessConcurrency ?? workflow.workerConcurrency,
      ...hooks,
    });
    return { queue: jobs, runner: jobs };
  }
  const connection = { connection: redisUrl, prefix: workflow.redisKeyPrefix, kind: spec.kind, log };
  return {
    queue: createBullmqQueue(connection),
    runner: spec.runWorker
      ? createBullmqWorker({
          ...connection,
          ...hooks,
          handler: spec.handler,
          concurrency: workflow.workerConcurrency,
          lockDurationMs: workflow.workerLockMs,
          stalledIntervalMs: Math.max(1000, Math.floor(workflow.workerLockMs / 2)),
        })
      : undefined,
  };
}

/**
 * Queues accepted work of one kind again from its database record; with `acceptedBefore`, only
 * what was accepted before that instant. Returns how many records it offered to the queue.
 */
export interface LostJobs {
  name: string;
  requeue(acceptedBefore: Date | undefined): Promise<number>;
}

/** What a recovered row needs to run as the person who asked for it, in their trace. */
interface AcceptedRow {
  tenantId: string;
  projectId: string;
  userId: string | null;
  traceparent: string | null;
}

/**
 * Offers each recovered row to its queue as its creator; a row whose creator is gone is left
 * (nobody to run it as). Returns how many were offered.
 */
export async function requeueAsCreator<Row extends AcceptedRow>(
  rows: readonly Row[],
  enqueue: (
    row: Row,
    scope: { tenantId: string; projectId: string; userId: string; traceparent: string | undefined },
  ) => Promise<unknown>,
): Promise<number> {
  let offered = 0;
  for (const row of rows) {
    if (!row.userId) continue;
    await enqueue(row, {
      tenantId: row.tenantId,
      projectId: row.projectId,
      userId: row.userId,
      traceparent: row.traceparent ?? undefined,
    });
    offered++;
  }
  return offered;
}

/**
 * Accepted work whose job may be gone, queued again under its own job id.
 * - In-process runner: once at start-up, all of it — the queue died with the last process.
 * - BullMQ: at start-up and then every JOB_RECOVERY_INTERVAL_SECONDS, whatever was accepted more
 *   than JOB_RECOVERY_GRACE_SECONDS ago and is still unfinished — a process killed between its
 *   COMMIT and the add left a row without a job. BullMQ ignores an add whose id it still holds
 *   (waiting, delayed, running, or kept after finishing), so a job in Redis is never doubled; the
 *   worker's claim of the row (a finished execution or export is not run again) is the second guard.
 *   Every process sweeps: adds are idempotent, so instances need no coordination.
 */
export function createJobRecovery(config: AppConfig, log: FastifyBaseLogger, kinds: LostJobs[]) {
  const { redisUrl } = config;
  const { recoveryGraceMs, recoveryIntervalMs } = config.jobs;
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;

  /** One pass over every kind (or the named ones); resolves with how many records each offered. */
  async function sweep(only?: readonly string[]): Promise<Record<string, number>> {
    const acceptedBefore = redisUrl ? new Date(Date.now() - recoveryGraceMs) : undefined;
    const offered: Record<string, number> = {};
    for (const kind of kinds) {
      if (only && !only.includes(kind.name)) continue;
      offered[kind.name] = await kind.requeue(acceptedBefore);
      if (offered[kind.name]) {
        log.info(
          { queue: kind.name, offered: offered[kind.name] },
          redisUrl
            ? `${kind.name}: unfinished work accepted over ${recoveryGraceMs / 1000} s ago offered to BullMQ again (jobs it still holds are kept, not doubled)`
            : `${kind.name}: unfinished work queued again after the restart`,
        );
      }
    }
    return offered;
  }

  const sweepInBackground = () => {
    if (sweeping) return; // a slow pass is still going: the next tick tries again
    sweeping = sweep()
      .then(() => {})
      .catch((error: unknown) => log.warn({ err: error }, "re-queuing unfinished jobs failed"))
      .finally(() => {
        sweeping = undefined;
      });
  };

  return {
    sweep,
    /** The start-up pass (a failure stops the start); with Redis, the periodic one after it. */
    async start() {
      await sweep();
      if (!redisUrl) return;
      timer = setInterval(sweepInBackground, recoveryIntervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await sweeping;
    },
  };
}
