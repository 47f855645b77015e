import { type Step, stepsBefore } from "@jeex/contracts/steps";
import type { Database } from "@jeex/db/client";
import { createMemoryRepository } from "@jeex/db/repositories";
import type { TenantTransaction } from "@jeex/db/tenant";
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

/** A document's version to (re)index; a retired document's chunks get removed instead. */
export type IndexedVersion = Pick<MemoryIndexJob, "documentId" | "versionId">;

/** What the step worker asks of project memory. */
export interface StepMemory {
  /**
   * The chunks most relevant to the agent's question, best first. Empty for the first step
   * (nothing written yet) — and when memory cannot answer: the agent still has every earlier
   * document in full, so a run goes on without excerpts rather than failing (logged as a warning).
   */
  recall(run: StepRunKey, query: string, signal?: AbortSignal): Promise<MemorySnippet[]>;
  /**
   * In the transaction that persists a successful run: records indexing of the step's documents
   * (retired ones get removed), so the requests commit with the versions. Returns what queues the
   * jobs once that transaction has committed (it never throws).
   */
  recordStepIndexing(tx: TenantTransaction, run: StepRunKey): Promise<() => Promise<void>>;
}

export interface StepMemoryDeps {
  db: Database;
  embedder: Embedder;
  vectors: VectorStore;
  /** Records index requests in `tx`; returns their jobs, to queue after commit. */
  recordIndexing(tx: TenantTransaction, versions: IndexedVersion[]): Promise<MemoryIndexJob[]>;
  /** Enqueues recorded jobs; logs instead of throwing when the queue refuses. */
  queueIndexing(jobs: MemoryIndexJob[]): Promise<void>;
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
        const hits = await deps.db.withTenant(
          { tenantId: run.tenantId, userId: run.userId },
          (tx) =>
            deps.vectors
              .session(createMemoryRepository(tx), signal)
              .search({ tenantId: run.tenantId, projectId: run.projectId }, vector, { limit }),
          // A search only reads: its COMMIT is not waited for.
          { readOnly: true },
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

    async recordStepIndexing(tx, run) {
      const documents = await createMemoryRepository(tx).documentsOfStep(run.projectId, run.step);
      const jobs = await deps.recordIndexing(
        tx,
        documents.flatMap((doc) =>
          doc.activeVersionId ? [{ documentId: doc.id, versionId: doc.activeVersionId }] : [],
        ),
      );
      return () => deps.queueIndexing(jobs);
    },
  };
}
