import type { Database } from "@jeex/db/client";
import type { JobHandler, JobQueue, JobRunner } from "../queue/port.ts";
import type { MemoryConfig } from "./config.ts";
import { createEmbedder, describeEmbedder } from "./embeddings/config.ts";
import type { Embedder } from "./embeddings/port.ts";
import { createMemoryIndexHandler } from "./pipeline/index-document.ts";
import type { MemoryIndexJob } from "./pipeline/index-jobs.ts";
import { createStepMemory, type IndexRequest, type StepMemory } from "./step-memory.ts";
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
  jobs(handler: JobHandler<MemoryIndexJob>): {
    queue: JobQueue<MemoryIndexJob>;
    runner?: JobRunner | undefined;
  };
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

  const { queue, runner } = options.jobs(createMemoryIndexHandler({ db, embedder, vectors }));

  async function requestIndexing(request: IndexRequest): Promise<void> {
    try {
      await queue.enqueue({ ...request, requestedAt: Date.now() });
    } catch (error) {
      // The change itself is committed; memory catches up with the next change of the document.
      log.error({ err: error, documentId: request.documentId }, "could not queue memory indexing");
    }
  }

  const services: MemoryServices = { embedder, vectors, requestIndexing };
  const stepMemory: StepMemory = createStepMemory({ db, embedder, vectors, requestIndexing, log });

  return {
    services,
    stepMemory,
    async start() {
      await vectors.prepare();
      runner?.start();
    },
    async stop(deadlineMs: number) {
      await runner?.stop(deadlineMs);
      await queue.close();
    },
  };
}

export type MemoryRuntime = ReturnType<typeof createMemoryRuntime>;
