import { type Step, stepsAfter } from "@jeex/contracts/steps";
import { createDocumentRepository } from "@jeex/db/repositories/documents";
import { createExecutionRepository, type ExecutionOutcome } from "@jeex/db/repositories/executions";
import { createUsageRepository } from "@jeex/db/repositories/usage";
import type { TenantTransaction } from "@jeex/db/tenant";
import type { RenderedDocument } from "../agents/agent.ts";
import { measureReadability } from "../documents/readability.ts";

export interface WrittenDocument {
  documentId: string;
  path: string;
  version: number;
}

/**
 * The one transaction that finishes a successful run: new versions, active pointers, stale
 * flags downstream, the execution's outcome and usage — all or nothing. Returns undefined when
 * the execution is no longer running (cancelled meanwhile), writing nothing. A retried job that
 * already wrote a version for a document reuses it, so retries never duplicate versions.
 */
export async function persistStepResult(
  tx: TenantTransaction,
  run: { executionId: string; projectId: string; step: Step },
  rendered: RenderedDocument[],
  outcome: ExecutionOutcome,
): Promise<WrittenDocument[] | undefined> {
  const executions = createExecutionRepository(tx);
  if ((await executions.lockStatus(run.executionId)) !== "running") return undefined;
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
          scores: measureReadability(doc.content),
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
  await executions.markSucceeded(run.executionId, outcome);
  await createUsageRepository(tx).record({
    ...outcome,
    projectId: run.projectId,
    executionId: run.executionId,
  });
  return written;
}
