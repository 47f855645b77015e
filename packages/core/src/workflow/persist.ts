import { type Step, stepsAfter } from "@jeex/contracts/steps";
import { createDocumentRepository } from "@jeex/db/repositories/documents";
import type { ExecutionOutcome } from "@jeex/db/repositories/executions";
import type { TenantTransaction } from "@jeex/db/tenant";
import type { RenderedDocument } from "../agents/agent.ts";
import { measureReadability, type ReadabilityScores } from "../documents/readability.ts";
import {
  type Announce,
  type ExecutionLifecycle,
  lifecycleStoreOf,
  type WrittenDocument,
} from "./lifecycle.ts";

/**
 * The one transaction that finishes a successful run: new versions, active pointers, stale
 * flags downstream, the execution's outcome and usage — all or nothing. Returns undefined when
 * the execution is no longer running (cancelled meanwhile), writing nothing. A retried job that
 * already wrote a version for a document reuses it, so retries never duplicate versions.
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
  const written: WrittenDocument[] = [];
  for (const doc of rendered) {
    const row = await documents.upsertByPath({
      projectId: run.projectId,
      step: run.step,
      kind: doc.kind,
      path: doc.path,
      title: doc.title,
    });
    const version =
      (await documents.findVersionOfExecution(row.id, run.executionId)) ??
      (await documents.insertVersion(
        {
          documentId: row.id,
          title: doc.title,
          content: doc.content,
          source: "agent",
          executionId: run.executionId,
          scores: doc.scores ?? measureReadability(doc.content),
        },
        run.projectId,
      ));
    await documents.activate(row.id, version.id, doc.title);
    written.push({ documentId: row.id, path: doc.path, version: version.version });
  }
  await documents.retireOthers(
    run.projectId,
    run.step,
    rendered.map((doc) => doc.path),
  );
  await documents.markStale(run.projectId, stepsAfter(run.step));
  // Locked as running above, so this transition applies.
  return lifecycle.succeed(store, run.executionId, outcome, written);
}
