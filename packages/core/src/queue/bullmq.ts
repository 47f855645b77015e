import { type Job, Queue, type RedisOptions, UnrecoverableError, WaitingError, Worker } from "bullmq";
import {
  type JobHandler,
  type JobKind,
  type JobLog,
  type JobQueue,
  type JobRunner,
  PermanentJobError,
  type RetryPolicy,
  type RunnerHooks,
} from "./port.ts";
import { defaultRetry } from "./retry.ts";
import { drainRunner, failureReporter } from "./runner-hooks.ts";

/** A redis:// URL or ioredis-style options; BullMQ opens (and closes) its own connections from them. */
export type BullmqConnection = string | RedisOptions;

interface BullmqCommonOptions<J> {
  connection: BullmqConnection;
  kind: JobKind<J>;
  /** Prefix of every BullMQ key. */
  prefix?: string;
}

export interface BullmqQueueOptions<J> extends BullmqCommonOptions<J> {
  log?: JobLog;
  retry?: RetryPolicy;
  /** Finished jobs kept for inspection (and dedupe: re-adding a kept job id is a no-op). */
  keepCompleted?: number;
  keepFailed?: number;
}

export interface BullmqWorkerOptions<J> extends BullmqCommonOptions<J>, RunnerHooks<J> {
  handler: JobHandler<J>;
  concurrency?: number;
  /** A job whose worker stops renewing its lock for this long (it died) counts as stalled. */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs and puts them back in the queue. */
  stalledIntervalMs?: number;
  /** Stalls tolerated before a job is failed instead of re-queued (a job that crashes its worker). */
  maxStalledCount?: number;
}

function connectionOptions(connection: BullmqConnection): RedisOptions {
  return typeof connection === "string" ? { url: connection } : connection;
}

export function createBullmqQueue<J>(options: BullmqQueueOptions<J>): JobQueue<J> {
  const { kind } = options;
  const retry = options.retry ?? defaultRetry;
  // Data, result and name types spelled out: BullMQ cannot infer them from a generic J.
  const queue = new Queue<J, void, string, J, void, string>(kind.name, {
    connection: connectionOptions(options.connection),
    prefix: options.prefix ?? "jeex",
    defaultJobOptions: {
      attempts: retry.attempts,
      backoff: { type: "exponential", delay: retry.backoffMs },
      removeOnComplete: { count: options.keepCompleted ?? 1000, age: 24 * 3600 },
      removeOnFail: { count: options.keepFailed ?? 5000, age: 7 * 24 * 3600 },
    },
  });
  // Without a listener an "error" event would crash the process; the failed add() rejects anyway.
  queue.on("error", (error) => options.log?.warn({ err: error }, `${kind.name} queue error`));
  return {
    async enqueue(input) {
      const job = kind.parse(input);
      await queue.add(kind.name, job, { jobId: kind.idOf(job) });
    },
    close: () => queue.close(),
  };
}

/**
 * A worker process's runner. A worker that dies mid-job stops renewing the job's lock; after
 * `lockDurationMs` another worker's stalled check (every `stalledIntervalMs`) puts it back in the queue.
 * At the stop deadline, handlers are aborted and their jobs go back to waiting without spending an
 * attempt, for another worker to pick up.
 */
export function createBullmqWorker<J>(options: BullmqWorkerOptions<J>): JobRunner {
  const { kind, handler, log } = options;
  const stopping = new AbortController();
  let worker: Worker<J, void, string> | undefined;

  const reportFailure = failureReporter(kind, options);

  // Declares all three parameters: BullMQ only passes a cancellation signal to processors that do.
  const runJob = async (job: Job<J, void, string>, token?: string, cancelled?: AbortSignal) => {
    let data: J;
    try {
      data = kind.parse(job.data);
    } catch (error) {
      throw new UnrecoverableError(`invalid ${kind.name} job data: ${messageOf(error)}`);
    }
    const attempt = { number: job.attemptsMade + 1, of: job.opts.attempts ?? 1 };
    const signal = AbortSignal.any(cancelled ? [cancelled, stopping.signal] : [stopping.signal]);
    try {
      await handler(data, signal, attempt);
    } catch (error) {
      if (stopping.signal.aborted && token) {
        await job.moveToWait(token);
        throw new WaitingError();
      }
      const permanent = error instanceof PermanentJobError;
      if (permanent || attempt.number >= attempt.of) await reportFailure(data, error);
      if (permanent) throw new UnrecoverableError(messageOf(error));
      throw error instanceof Error ? error : new Error(messageOf(error));
    }
  };

  return {
    start() {
      if (worker) return;
      worker = new Worker<J, void, string>(kind.name, runJob, {
        // Workers block on Redis; BullMQ requires commands to wait for reconnection rather than fail.
        connection: { ...connectionOptions(options.connection), maxRetriesPerRequest: null },
        prefix: options.prefix ?? "jeex",
        concurrency: options.concurrency ?? 2,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        maxStalledCount: options.maxStalledCount ?? 1,
      });
      worker.on("error", (error) => log?.warn({ err: error }, `${kind.name} worker error`));
      worker.on("failed", (job, error) =>
        log?.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: error }, `${kind.name} job failed`),
      );
    },

    async stop(deadlineMs) {
      if (!worker) return;
      // close() stops fetching at once and resolves when running jobs have settled.
      await drainRunner(worker.close(), deadlineMs, stopping, options);
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
