import {
  type JobHandler,
  type JobKind,
  type JobQueue,
  type JobRunner,
  PermanentJobError,
  type RetryPolicy,
  type RunnerHooks,
} from "./port.ts";
import { defaultRetry, retryDelayMs } from "./retry.ts";
import { drainRunner, failureReporter } from "./runner-hooks.ts";

export interface InProcessJobsOptions<J> extends RunnerHooks<J> {
  kind: JobKind<J>;
  handler: JobHandler<J>;
  /** Jobs running at once. */
  concurrency?: number;
  retry?: RetryPolicy;
}

/** Queue and runner in one: in a single process they share the backlog. */
export type InProcessJobs<J> = JobQueue<J> & JobRunner;

interface Pending<J> {
  id: string;
  job: J;
  failedAttempts: number;
}

/**
 * The embedded default: a concurrency-limited backlog in memory with BullMQ's retry semantics.
 * Nothing survives the process: jobs still waiting (or waiting to retry) when it stops are dropped,
 * so each kind keeps a database record of what it accepted (executions, exports, index requests)
 * and re-queues the unfinished ones at start-up.
 */
export function createInProcessJobs<J>(options: InProcessJobsOptions<J>): InProcessJobs<J> {
  const { kind, handler, log } = options;
  const concurrency = options.concurrency ?? 2;
  const retry = options.retry ?? defaultRetry;
  const waiting: Pending<J>[] = [];
  /** Ids queued, waiting to retry or running: the dedupe window. */
  const known = new Set<string>();
  const running = new Set<Promise<void>>();
  const retryTimers = new Set<NodeJS.Timeout>();
  const stopping = new AbortController();
  let state: "idle" | "started" | "stopped" = "idle";
  let accepting = true;

  const pump = () => {
    while (state === "started" && running.size < concurrency) {
      const next = waiting.shift();
      if (!next) return;
      const run = execute(next).finally(() => {
        running.delete(run);
        pump();
      });
      running.add(run);
    }
  };

  const execute = async (pending: Pending<J>) => {
    const attempt = { number: pending.failedAttempts + 1, of: retry.attempts };
    try {
      // A signal per job: listeners a handler leaves behind go with it instead of piling up on one signal.
      await handler(pending.job, AbortSignal.any([stopping.signal]), attempt);
      known.delete(pending.id);
    } catch (error) {
      if (stopping.signal.aborted) {
        known.delete(pending.id);
        return;
      }
      const permanent = error instanceof PermanentJobError;
      if (permanent || attempt.number >= retry.attempts) {
        known.delete(pending.id);
        await reportFailure(pending.job, error);
        return;
      }
      log?.warn(
        { jobId: pending.id, attempt: attempt.number, err: error },
        `${kind.name} job failed; retrying`,
      );
      const timer = setTimeout(
        () => {
          retryTimers.delete(timer);
          waiting.push({ ...pending, failedAttempts: attempt.number });
          pump();
        },
        retryDelayMs(retry, attempt.number),
      );
      retryTimers.add(timer);
    }
  };

  const reportFailure = failureReporter(kind, options);

  return {
    async enqueue(input) {
      if (!accepting) throw new Error(`${kind.name} queue is closed`);
      const job = kind.parse(input);
      const id = kind.idOf(job);
      if (known.has(id)) return;
      known.add(id);
      waiting.push({ id, job, failedAttempts: 0 });
      // Never run the handler inside the caller's stack (it may still hold a transaction open).
      setImmediate(pump);
    },

    async close() {
      accepting = false;
    },

    start() {
      if (state === "stopped") throw new Error("a stopped runner cannot start again");
      state = "started";
      pump();
    },

    async stop(deadlineMs) {
      if (state === "stopped") return;
      state = "stopped";
      for (const timer of retryTimers) clearTimeout(timer);
      const dropped = waiting.length + retryTimers.size;
      if (dropped > 0) log?.warn({ dropped }, `${kind.name} jobs not started before stop are dropped`);
      waiting.length = 0;
      retryTimers.clear();
      await drainRunner(Promise.all([...running]), deadlineMs, stopping, options);
    },
  };
}
