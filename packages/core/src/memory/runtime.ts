import type { Database } from "@jeex/db/client";
import { createMemoryIndexRequestRepository } from "@jeex/db/repositories";
import type { TenantTransaction } from "@jeex/db/tenant";
import type { JobHandler, JobQueue, JobRunner } from "../queue/port.ts";
import { activeTraceparent } from "../workflow/trace-context.ts";
import type { MemoryConfig } from "./config.ts";
import { createEmbedder, describeEmbedder } from "./embeddings/config.ts";
import type { Embedder } from "./embeddings/port.ts";
import { createMemoryIndexHandler } from "./pipeline/index-document.ts";
import type { MemoryIndexJob } from "./pipeline/index-jobs.ts";
import { createStepMemory, type IndexedVersion, type IndexRequest, type StepMemory } from "./step-memory.ts";
import { createVectorStore } from "./vectors/config.ts";
import type { VectorStore } from "./vectors/port.ts";

export interface MemoryRuntimeOptions {
  config: MemoryConfig;
  db: Database;
  log: {
    info(message: string): void;
    warn(details: object, message: string): void;
    error(details: object, message: string): void;
  };
  /**
   * The host's queue for index jobs (BullMQ or in-process), with a runner when this process
   * works them; the host picks, as it does for steps.
   */
  jobs(work: {
    handler: JobHandler<MemoryIndexJob>;
    onFailed: (job: MemoryIndexJob, error: unknown) => Promise<void>;
  }): {
    queue: JobQueue<MemoryIndexJob>;
    runner?: JobRunner | undefined;
  };
  /**
   * Re-queue every recorded request at start-up: the in-process runner lost its queue with its
   * process. A host that sweeps on its own calls `requeueLostRequests` instead and passes false.
   */
  recoverLostJobs: boolean;
}

/** What the router and the step worker share. */
export interface MemoryServices {
  embedder: Embedder;
  vectors: VectorStore;
  /** Queues indexing of a document version after it became active; logs rather than throws. */
  requestIndexing(request: IndexRequest): Promise<void>;
}

/**
 * Embedder, vector store and the indexing queue, built from configuration. Both choices are
 * logged; a configured Qdrant that cannot be used makes `start` fail rather than fall back.
 */
export function createMemoryRuntime(options: MemoryRuntimeOptions) {
  const { config, db, log } = options;
  const embedder = createEmbedder(config.embeddings);
  const vectors = createVectorStore(config.vectors, embedder.dimension);
  log.info(describeEmbedder(config.embeddings));
  log.info(vectors.description);

  /** Failed for good: its request is no longer outstanding (a job that ends settles it itself). */
  const settle = (job: MemoryIndexJob) =>
    db.withTenant({ tenantId: job.tenantId, userId: job.userId }, (tx) =>
      createMemoryIndexRequestRepository(tx).settle(job.documentId, job.requestedAt),
    );
  const { queue, runner } = options.jobs({
    handler: createMemoryIndexHandler({ db, embedder, vectors }),
    onFailed: async (job, error) => {
      log.error({ err: error, documentId: job.documentId }, "memory indexing failed for good");
      await settle(job);
    },
  });

  /**
   * Records index requests in `tx`, so they commit (or roll back) with the change that made them;
   * returns the jobs to queue once it has committed.
   */
  async function recordIndexing(
    tx: TenantTransaction,
    versions: IndexedVersion[],
  ): Promise<MemoryIndexJob[]> {
    const requestedAt = Date.now();
    const traceparent = activeTraceparent();
    const { tenantId, userId } = tx.scope;
    const jobs = versions.map((version) => ({ tenantId, userId, ...version, requestedAt, traceparent }));
    await createMemoryIndexRequestRepository(tx).record(...jobs);
    return jobs;
  }

  /** Queues recorded jobs. A refusal is logged: the record stays, and start-up recovery queues it again. */
  async function queueIndexing(jobs: MemoryIndexJob[]): Promise<void> {
    for (const job of jobs) {
      try {
        await queue.enqueue(job);
      } catch (error) {
        log.error({ err: error, documentId: job.documentId }, "could not queue memory indexing");
      }
    }
  }

  async function requestIndexing(request: IndexRequest): Promise<void> {
    let jobs: MemoryIndexJob[];
    try {
      // Recorded before it is queued: a crash after this point leaves a request to pick up again.
      jobs = await db.withTenant({ tenantId: request.tenantId, userId: request.userId }, (tx) =>
        recordIndexing(tx, [{ documentId: request.documentId, versionId: request.versionId }]),
      );
    } catch (error) {
      // The change itself is committed; memory catches up with the next change of the document.
      log.error({ err: error, documentId: request.documentId }, "could not queue memory indexing");
      return;
    }
    await queueIndexing(jobs);
  }

  /**
   * Queues recorded requests again under their own job ids (with the trace they were asked in);
   * with `requestedBefore`, only older ones. Returns how many it offered.
   */
  async function requeueLostRequests(requestedBefore?: Date): Promise<number> {
    const lost = await db.system.unfinishedIndexRequests({ requestedBefore });
    for (const request of lost)
      await queue.enqueue({ ...request, traceparent: request.traceparent ?? undefined });
    return lost.length;
  }

  const services: MemoryServices = { embedder, vectors, requestIndexing };
  const stepMemory: StepMemory = createStepMemory({
    db,
    embedder,
    vectors,
    recordIndexing,
    queueIndexing,
    log,
  });

  return {
    services,
    stepMemory,
    async start() {
      await vectors.prepare();
      runner?.start();
      if (options.recoverLostJobs) {
        const offered = await requeueLostRequests();
        if (offered > 0) log.info(`memory: ${offered} unfinished index requests queued again`);
      }
    },
    /** For a host that re-queues itself (the BullMQ sweep): see `recoverLostJobs` for the start-up pass. */
    requeueLostRequests,
    async stop(deadlineMs: number) {
      await runner?.stop(deadlineMs);
      await queue.close();
    },
  };
}

export type MemoryRuntime = ReturnType<typeof createMemoryRuntime>;
