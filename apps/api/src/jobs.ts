import { createBullmqQueue, createBullmqWorker } from "@jeex/core/queue/bullmq";
import { createInProcessJobs } from "@jeex/core/queue/in-process";
import type { JobHandler, JobKind, JobQueue, JobRunner } from "@jeex/core/queue/port";
import type { FastifyBaseLogger } from "fastify";
import type { AppConfig } from "./config.ts";

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
