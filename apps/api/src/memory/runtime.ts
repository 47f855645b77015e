import { createMemoryRuntime, memoryIndexJobs } from "@jeex/core/memory";
import type { Runtime, RuntimeFeature } from "../runtime/create-runtime.ts";

/**
 * Project memory on the shared runtime: embedder, vector store, and index jobs on the same kind of
 * queue as steps (one at a time in process). The runtime's recovery queues lost index requests
 * again, with and without Redis.
 */
export function createMemoryFeature(runtime: Runtime) {
  const { config, db, log } = runtime;
  const memory = createMemoryRuntime({
    config: config.memory,
    db,
    log,
    jobs: ({ handler, onFailed }) =>
      runtime.jobs({ kind: memoryIndexJobs, handler, onFailed, inProcessConcurrency: 1 }),
    // The runtime's sweep re-queues index requests (lostJobs below).
    recoverLostJobs: false,
  });

  const feature = {
    /** What the router and the readiness check use. */
    services: memory.services,
    /** What a step reads and writes (recall, indexing of the versions it writes). */
    stepMemory: memory.stepMemory,
    lostJobs: [
      {
        name: memoryIndexJobs.name,
        requeue: (requestedBefore: Date | undefined) => memory.requeueLostRequests(requestedBefore),
      },
    ],
    queueNames: [memoryIndexJobs.name],
    start: () => memory.start(),
    stop: (deadlineMs: number) => memory.stop(deadlineMs),
  };
  return feature satisfies RuntimeFeature;
}

export type MemoryFeature = ReturnType<typeof createMemoryFeature>;
