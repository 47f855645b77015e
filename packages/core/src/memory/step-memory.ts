import { type Step, stepsBefore } from "@jeex/contracts/steps";
import type { Database } from "@jeex/db/client";
import { createMemoryRepository } from "@jeex/db/repositories";
import type { MemorySnippet } from "../agents/agent.ts";
import type { Embedder } from "./embeddings/port.ts";
import type { MemoryIndexJob } from "./pipeline/index-jobs.ts";
import type { VectorStore } from "./vectors/port.ts";

/** A step run, as memory needs to know it. */
export interface StepRunKey {
  tenantId: string;
  userId: string;
  projectId: string;
  step: Step;
}

export type IndexRequest = Omit<MemoryIndexJob, "requestedAt">;

/** What the step worker asks of project memory. */
export interface StepMemory {
  /**
   * The chunks most relevant to the agent's question, best first. Empty for the first step
   * (nothing written yet) — and when memory cannot answer: the agent still has every earlier
   * document in full, so a run goes on without excerpts rather than failing (logged as a warning).
   */
  recall(run: StepRunKey, query: string, signal?: AbortSignal): Promise<MemorySnippet[]>;
  /** After a successful run: queue indexing of the step's documents (retired ones get removed). Never throws. */
  indexStep(run: StepRunKey): Promise<void>;
}

export interface StepMemoryDeps {
  db: Database;
  embedder: Embedder;
  vectors: VectorStore;
  /** Enqueues a memory-index job; logs instead of throwing when the queue refuses. */
  requestIndexing(request: IndexRequest): Promise<void>;
  log: { warn(details: object, message: string): void };
  /** Snippets an agent gets. */
  recallLimit?: number;
}

const DEFAULT_RECALL_LIMIT = 5;

export function createStepMemory(deps: StepMemoryDeps): StepMemory {
  const limit = deps.recallLimit ?? DEFAULT_RECALL_LIMIT;
  return {
    async recall(run, query, signal) {
      if (stepsBefore(run.step).length === 0) return [];
      try {
        const [vector] = await deps.embedder.embed([query], signal);
        if (!vector) return [];
        const hits = await deps.db.withTenant({ tenantId: run.tenantId, userId: run.userId }, (tx) =>
          deps.vectors
            .session(createMemoryRepository(tx), signal)
            .search({ tenantId: run.tenantId, projectId: run.projectId }, vector, { limit }),
        );
        return hits.map((hit) => ({
          path: hit.path,
          text: hit.heading ? `${hit.heading}: ${hit.text}` : hit.text,
          score: hit.score,
        }));
      } catch (error) {
        if (!signal?.aborted)
          deps.log.warn(
            { err: error, projectId: run.projectId, step: run.step },
            "memory recall failed; the step runs without excerpts",
          );
        return [];
      }
    },

    async indexStep(run) {
      try {
        const documents = await deps.db.withTenant({ tenantId: run.tenantId, userId: run.userId }, (tx) =>
          createMemoryRepository(tx).documentsOfStep(run.projectId, run.step),
        );
        for (const doc of documents) {
          if (!doc.activeVersionId) continue;
          await deps.requestIndexing({
            tenantId: run.tenantId,
            userId: run.userId,
            documentId: doc.id,
            versionId: doc.activeVersionId,
          });
        }
      } catch (error) {
        deps.log.warn(
          { err: error, projectId: run.projectId, step: run.step },
          "could not queue memory indexing for the step",
        );
      }
    },
  };
}
