import { type IdeaInput, ideaInputSchema, type Step, stepsBefore } from "@jeex/contracts/steps";
import type { ActiveDocument, DocumentRepository } from "@jeex/db/repositories";
import {
  createDocumentRepository,
  createExecutionRepository,
  createProjectRepository,
  type ExecutionRepository,
  type ExecutionRow,
  type ProjectRepository,
} from "@jeex/db/repositories";
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
  const ownIdea = ideaInputSchema.safeParse(execution.input.idea);
  return {
    execution,
    announceStarted: started.announce,
    input: await loadAgentInput(
      {
        projects: createProjectRepository(tx),
        documents: createDocumentRepository(tx),
        executions: createExecutionRepository(tx),
      },
      {
        projectId: execution.projectId,
        step: execution.step,
        idea: ownIdea.success ? ownIdea.data : undefined,
        feedback: execution.feedback ?? undefined,
      },
    ),
  };
}

export interface AgentInputSources {
  projects: ProjectRepository;
  documents: DocumentRepository;
  executions: ExecutionRepository;
}

/**
 * What a step's agent reads, before memory: the project, the idea (the run's own, else the one
 * behind the last succeeded `about` run), earlier steps' active documents (human edits included)
 * and this step's last output. The worker and `workflow.estimate` build the prompt from it alike.
 */
export async function loadAgentInput(
  sources: AgentInputSources,
  run: { projectId: string; step: Step; idea?: IdeaInput | undefined; feedback?: string | undefined },
): Promise<AgentInput> {
  // Sent together (one round trip); earlier steps' documents and this step's own in one read.
  const [project, read] = await Promise.all([
    sources.projects.findLive(run.projectId),
    sources.documents.listActive(run.projectId, [...stepsBefore(run.step), run.step]),
  ]);
  if (!project) throw new StepContextError("the project was deleted");
  const earlier = read.filter((doc) => doc.step !== run.step);
  const previous = read.filter((doc) => doc.step === run.step);
  const idea = run.idea ?? (await latestIdea(sources.executions, run.projectId, { succeededOnly: true }));
  if (!idea) throw new StepContextError("no idea recorded for this project: run the about step first");
  return {
    project: { name: project.name, description: project.description, language: project.language },
    idea,
    documents: earlier.map(asContext),
    previous: previous.map(asContext),
    feedback: run.feedback,
    // Filled by the step worker after this transaction (a remote embedder must not hold it open).
    memory: [],
  };
}
