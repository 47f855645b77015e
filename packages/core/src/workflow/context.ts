import { ideaInputSchema, type Step, stepsBefore } from "@jeex/contracts/steps";
import type { ActiveDocument } from "@jeex/db/repositories/documents";
import { createDocumentRepository } from "@jeex/db/repositories/documents";
import { createExecutionRepository, type ExecutionRow } from "@jeex/db/repositories/executions";
import { createProjectRepository } from "@jeex/db/repositories/projects";
import type { TenantTransaction } from "@jeex/db/tenant";
import type { AgentInput, ContextDocument } from "../agents/agent.ts";
import { latestIdea } from "./idea.ts";
import { type Announce, type ExecutionLifecycle, lifecycleStoreOf } from "./lifecycle.ts";

const asContext = (doc: ActiveDocument): ContextDocument => ({
  path: doc.path,
  title: doc.title,
  step: doc.step,
  content: doc.content,
});

export interface ClaimedExecution {
  execution: ExecutionRow;
  input: AgentInput;
  /** Publishes `execution.started`; run it once the claim has committed. */
  announceStarted: Announce;
}

export class StepContextError extends Error {}

/**
 * Claims the execution (queued/running → running, attempts + 1) and loads what its agent reads:
 * the idea, earlier steps' active documents (human edits included) and this step's last output.
 * Undefined when the execution already ended — a retried or duplicate job then does nothing.
 */
export async function claimExecution(
  tx: TenantTransaction,
  lifecycle: ExecutionLifecycle,
  executionId: string,
): Promise<ClaimedExecution | undefined> {
  const started = await lifecycle.start(lifecycleStoreOf(tx), executionId);
  if (!started) return undefined;
  const { execution } = started;
  const project = await createProjectRepository(tx).findLive(execution.projectId);
  if (!project) throw new StepContextError("the project was deleted");
  const documents = createDocumentRepository(tx);
  const step: Step = execution.step;
  const [earlier, previous] = await Promise.all([
    documents.listActive(execution.projectId, stepsBefore(step)),
    documents.listActive(execution.projectId, [step]),
  ]);
  const ownIdea = ideaInputSchema.safeParse(execution.input.idea);
  const idea = ownIdea.success
    ? ownIdea.data
    : await latestIdea(createExecutionRepository(tx), execution.projectId, { succeededOnly: true });
  if (!idea) throw new StepContextError("no idea recorded for this project: run the about step first");
  return {
    execution,
    announceStarted: started.announce,
    input: {
      project: { name: project.name, description: project.description, language: project.language },
      idea,
      documents: earlier.map(asContext),
      previous: previous.map(asContext),
      feedback: execution.feedback ?? undefined,
      // Filled by the step worker after this transaction (a remote embedder must not hold it open).
      memory: [],
    },
  };
}
