import { type Step, stepsAfter } from "@jeex/contracts/steps";
import type { ExecutionOutcome } from "@jeex/db/repositories";
import { createDocumentRepository } from "@jeex/db/repositories";
import type { TenantTransaction } from "@jeex/db/tenant";
import type { RenderedDocument } from "../agents/agent.ts";
import type { ReadabilityScores } from "../documents/readability.ts";
import {
  type Announce,
  type ExecutionLifecycle,
  lifecycleStoreOf,
  type WrittenDocument,
} from "./lifecycle.ts";
import { storeRunVersion } from "./merge-on-rerun.ts";

/**
 * The one transaction that finishes a successful run: new versions, active pointers, stale
 * flags downstream, the execution's outcome and usage — all or nothing. A document whose active
 * version holds a person's work gets a merge of it with the new output (merge-on-rerun.ts). Returns undefined when
 * the execution is no longer running (cancelled, or ended by an earlier attempt), writing nothing:
 * an attempt's versions commit with its outcome, so a retried job never duplicates them.
 * The returned announcement publishes the documents and `succeeded` once this has committed.
 */
export async function persistStepResult(
  tx: TenantTransaction,
  lifecycle: ExecutionLifecycle,
  run: { executionId: string; projectId: string; step: Step },
  /** Scored on the text-work pool when drafted there; scored here otherwise. */
  rendered: (RenderedDocument & { scores?: ReadabilityScores })[],
  outcome: ExecutionOutcome & { attempt: number },
): Promise<Announce | undefined> {
  const store = lifecycleStoreOf(tx);
  if ((await store.executions.lockStatus(run.executionId)) !== "running") return undefined;
  const documents = createDocumentRepository(tx);
  // Each document's writes depend only on its own earlier ones, so the documents go in together:
  // their statements share round trips on the connection, and Postgres runs them in order.
  const written: WrittenDocument[] = await Promise.all(
    rendered.map(async (doc) => {
      const row = await documents.upsertByPath({
        projectId: run.projectId,
        step: run.step,
        kind: doc.kind,
        path: doc.path,
        title: doc.title,
      });
      const version = await storeRunVersion(documents, row, doc, run);
      return { documentId: row.id, path: doc.path, version: version.version };
    }),
  );
  await Promise.all([
    documents.retireOthers(
      run.projectId,
      run.step,
      rendered.map((doc) => doc.path),
    ),
    documents.markStale(run.projectId, stepsAfter(run.step)),
  ]);
  // Locked as running above, so this transition applies.
  return lifecycle.succeed(store, run.executionId, outcome, written);
}
