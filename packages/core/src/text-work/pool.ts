import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { DependencyUnavailableError, RateLimitedError } from "../errors.ts";
import { currentLogFields } from "../log-context.ts";
import { createFairSlots, OwnerBacklogFullError } from "./fair-slots.ts";
import type * as tasks from "./tasks.ts";
import type { StartedTask } from "./worker.ts";

/**
 * One pool of worker threads per process for CPU-heavy document work (readability, memory
 * chunking and hashing, diffs, offline drafting, rendering): a pathological document then costs its own task,
 * bounded by a deadline, while the event loop keeps serving every other tenant.
 */

type Tasks = typeof tasks;
export type TextTask = keyof Tasks;

// Sized for a 2-core machine, and niced: under load the OS runs the event loop first (measured
// at load average 17: without it a 500 KB save's scoring stretched a /healthz gap to 1.5 s).
const maxThreads = 2;
const niceIncrement = 10;
// Beyond this many waiting tasks new work is refused (503) instead of growing memory without bound.
const maxQueue = 256;
// One tenant's share of the waiting: past it that tenant's new work is refused (429), others' is not.
const maxWaitingPerTenant = 32;

/**
 * Threads are handed to waiting tasks tenant by tenant in turn (the tenant the work is for, from
 * the request's or job's log context): a tenant flooding the pool waits behind its own backlog,
 * another tenant's task waits for at most one task per thread.
 */
const threads = createFairSlots(maxThreads, maxWaitingPerTenant);

/** Longest a task may run before its thread is terminated; ample for linear work on 500 KB. */
const deadlineMsOf: Record<TextTask, number> = {
  scoreReadability: 15_000,
  memoryChunks: 15_000,
  hashEmbeddings: 15_000,
  diffVersions: 15_000,
  mergeVersions: 15_000,
  // The first count of a thread also loads the encoding's ranks (about 0.2 s).
  countTokens: 15_000,
  draftOffline: 30_000,
  renderDocuments: 30_000,
  // The first task of a thread also loads Mermaid and a DOM for it (about 3 s on an idle core).
  checkPack: 60_000,
  // A pack of the largest documents deflates in a few seconds.
  zipArchive: 60_000,
};

// Sources run as .ts (Node strips types); the production bundle ships the entry as its own file
// beside main.js (apps/api/build.ts), so a bundled module finds it next to itself.
export const bundledWorkerFile = "text-work-worker.js";
const workerUrl = import.meta.url.endsWith(".ts")
  ? new URL("./worker.ts", import.meta.url)
  : new URL(`./${bundledWorkerFile}`, import.meta.url);

let pool: Piscina | undefined;

function poolOfThisProcess(): Piscina {
  pool ??= new Piscina({
    filename: workerUrl.href,
    minThreads: 1,
    maxThreads,
    maxQueue,
    idleTimeout: 60_000,
    niceIncrement,
    // Not the parent's flags: `--import` of the telemetry SDK would start a second SDK per thread.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  return pool;
}

/** A task past its deadline (its thread is terminated): a 503 to the caller, never a 500. */
export class TextWorkTimeoutError extends DependencyUnavailableError {}

/** How long a task may wait for a free thread before the caller is told to retry (503). */
const maxQueueWaitMs = 60_000;

/**
 * Runs one task on the pool; `signal` (a cancelled step, say) ends it early. The deadline bounds
 * the task's own run, counted from when a thread starts it: a task waiting behind others is not
 * killed for their time (a busy pool made short counts time out), but waits at most
 * `maxQueueWaitMs`. `deadlineMs` defaults to the task's own.
 */
export async function runTextWork<Name extends TextTask>(
  name: Name,
  input: Parameters<Tasks[Name]>[0],
  signal?: AbortSignal,
  deadlineMs: number = deadlineMsOf[name],
): Promise<Awaited<ReturnType<Tasks[Name]>>> {
  signal?.throwIfAborted();
  const running = poolOfThisProcess();
  if (threads.waiting >= maxQueue)
    throw new DependencyUnavailableError("document processing is busy; retry shortly");
  const owner = currentLogFields()?.tenant_id ?? "server";

  const stop = new AbortController();
  let expired: "waiting" | "running" | undefined;
  const expire = (phase: "waiting" | "running") => {
    expired = phase;
    stop.abort();
  };
  let runTimer: NodeJS.Timeout | undefined;
  const waitTimer = setTimeout(() => expire("waiting"), maxQueueWaitMs);
  // The thread says when it starts the task; only then does the deadline begin.
  const started = new MessageChannel();
  started.port1.once("message", () => {
    clearTimeout(waitTimer);
    runTimer = setTimeout(() => expire("running"), deadlineMs);
  });
  const forwardAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener("abort", forwardAbort, { once: true });
  let release: (() => void) | undefined;
  try {
    release = await threads.acquire(owner, stop.signal);
    const task: StartedTask = { name, input, started: started.port2 };
    return await running.run(task, { name: "runTask", signal: stop.signal, transferList: [started.port2] });
  } catch (error) {
    if (error instanceof OwnerBacklogFullError)
      throw new RateLimitedError(
        `${maxWaitingPerTenant} document-processing tasks of this tenant waiting`,
        5,
      );
    if (expired === "running")
      throw new TextWorkTimeoutError(`document processing (${name}) took longer than ${deadlineMs} ms`, {
        cause: error,
      });
    if (expired === "waiting")
      throw new DependencyUnavailableError("document processing is busy; retry shortly", { cause: error });
    if (signal?.aborted) throw signal.reason;
    throw error;
  } finally {
    release?.();
    clearTimeout(waitTimer);
    clearTimeout(runTimer);
    started.port1.close();
    signal?.removeEventListener("abort", forwardAbort);
  }
}

/** Ends the threads (waiting for running tasks); the next task would start a fresh pool. */
export async function closeTextWork(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
