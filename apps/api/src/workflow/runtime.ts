import { type ProgressEvent, progressEventSchema } from "@jeex/contracts/agents/progress-events";
import type { Step } from "@jeex/contracts/steps";
import { createMemoryEventLog } from "@jeex/core/events/memory-event-log";
import type { EventLog } from "@jeex/core/events/port";
import { createRedisEventLog } from "@jeex/core/events/redis-event-log";
import { createLlmProvider, describeLlmProvider } from "@jeex/core/llm/provider-config";
import { memoryIndexJobs } from "@jeex/core/memory/pipeline/index-jobs";
import { createMemoryRuntime } from "@jeex/core/memory/runtime";
import type { StepJob } from "@jeex/core/queue/port";
import { stepJobs } from "@jeex/core/queue/step-jobs";
import { createStepHandler } from "@jeex/core/workflow/execute-step";
import { createExecutionLifecycle } from "@jeex/core/workflow/lifecycle";
import { activeTraceparent } from "@jeex/core/workflow/trace-context";
import type { Database } from "@jeex/db/client";
import type { FastifyBaseLogger } from "fastify";
import { Redis } from "ioredis";
import type { AppConfig } from "../config.ts";
import { createJobRecovery, createJobRuntime } from "../jobs.ts";
import { observeQueueDepth } from "../telemetry/queue-depth.ts";
import { telemetryStatus } from "../telemetry/status.ts";

export interface WorkflowRuntimeOptions {
  /** Run a worker in this process (the API with WORKER_IN_API, or the dedicated worker). */
  runWorker: boolean;
}

/**
 * Events, queue, model and (optionally) a worker: Redis Streams + BullMQ when REDIS_URL is set,
 * the in-process log and runner otherwise. A configured Redis that does not answer is an error.
 */
export function createWorkflowRuntime(
  config: AppConfig,
  db: Database,
  log: FastifyBaseLogger,
  options: WorkflowRuntimeOptions,
) {
  const { workflow } = config;
  const { redisUrl } = config;
  const llm = createLlmProvider(workflow.llm);
  log.info(describeLlmProvider(workflow.llm));

  // Connected in start(), where an unreachable Redis stops the process instead of degrading silently.
  const redis = redisUrl
    ? new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2, connectionName: "jeex:events" })
    : undefined;
  // Outages are reported by readiness and by the calls that fail; ioredis reconnects by itself.
  redis?.on("error", (error: Error) => log.warn({ err: error }, "redis connection error (events)"));
  const events: EventLog<ProgressEvent> = redis
    ? createRedisEventLog({
        redis,
        keyPrefix: workflow.redisKeyPrefix,
        maxLength: workflow.eventStreamMaxLength,
        parse: progressEventSchema.parse,
        log,
      })
    : createMemoryEventLog({
        maxLength: workflow.eventStreamMaxLength,
        parse: progressEventSchema.parse,
        log,
      });
  log.info(
    redis
      ? "events: Redis Streams; queue: BullMQ"
      : "events and queue: in-process (embedded default, one instance)",
  );

  // Project memory: embedder, vector store, and index jobs on the same kind of queue as steps.
  const memory = createMemoryRuntime({
    config: config.memory,
    db,
    log,
    jobs: ({ handler: indexHandler, onFailed }) =>
      createJobRuntime(config, log, {
        kind: memoryIndexJobs,
        handler: indexHandler,
        onFailed,
        runWorker: options.runWorker,
        inProcessConcurrency: 1,
      }),
    // The sweep below re-queues index requests too, with and without Redis.
    recoverLostJobs: false,
  });

  const lifecycle = createExecutionLifecycle({ db, events });
  const handler = createStepHandler({ db, lifecycle, llm, log, memory: memory.stepMemory });
  const markFailedForGood = async (job: StepJob, error: unknown) => {
    log.error({ err: error, executionId: job.executionId }, "step job failed for good");
    await lifecycle.failForGood(job);
  };

  const { queue, runner } = createJobRuntime(config, log, {
    kind: stepJobs,
    handler,
    runWorker: options.runWorker,
    onFailed: markFailedForGood,
  });

  /** After the request committed its queued execution: announce it, then enqueue it. */
  async function dispatchStep(run: StepJob & { step: Step }) {
    const { step, ...job } = run;
    // Still inside the request: the job carries its trace, so the worker's spans join it.
    const traceparent = activeTraceparent();
    await lifecycle.dispatch(run, async () => {
      try {
        await queue.enqueue({ ...job, traceparent });
      } catch (error) {
        log.error({ err: error, executionId: job.executionId }, "could not enqueue a step");
        throw error;
      }
    });
  }

  /** Live executions and index requests queued again (see createJobRecovery), with their trace. */
  const recovery = createJobRecovery(config, log, [
    {
      name: stepJobs.name,
      async requeue(queuedBefore) {
        let offered = 0;
        for (const run of await db.system.liveExecutions({ queuedBefore })) {
          if (!run.userId) continue; // its creator is gone: nobody to run it as
          await queue.enqueue({
            executionId: run.executionId,
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
    { name: memoryIndexJobs.name, requeue: (requestedBefore) => memory.requeueLostRequests(requestedBefore) },
  ]);

  let queueDepth: ReturnType<typeof observeQueueDepth> | undefined;

  return {
    llm,
    events,
    lifecycle,
    dispatchStep,
    memory: memory.services,
    async start() {
      await redis?.connect().catch((error: Error) => {
        throw new Error(`REDIS_URL is set but Redis does not answer (${error.message})`);
      });
      await memory.start();
      runner?.start();
      await recovery.start();
      // Read only when metrics are exported; the in-process runner's queue is not observed.
      if (redisUrl && telemetryStatus().sdkRunning)
        queueDepth = observeQueueDepth({
          connection: redisUrl,
          prefix: workflow.redisKeyPrefix,
          queueNames: [stepJobs.name, memoryIndexJobs.name],
        });
    },
    /** One re-queue pass now (start() runs the first; with Redis a timer runs the rest). */
    recoverLostJobs: recovery.sweep,
    async stop(deadlineMs: number) {
      await recovery.stop();
      await Promise.all([runner?.stop(deadlineMs), memory.stop(deadlineMs)]);
      await queue.close();
      await queueDepth?.close();
      await events.close();
      await redis?.quit().catch(() => {});
    },
    /** Readiness: a configured Redis must answer. */
    async ping() {
      if (redis) await redis.ping();
    },
  };
}

export type WorkflowRuntime = ReturnType<typeof createWorkflowRuntime>;
