import type { Page } from "@jeex/contracts/common";
import { type Step, steps } from "@jeex/contracts/steps";
import type {
  Execution,
  ExecutionIdInput,
  ExecutionSummary,
  ListExecutionsInput,
  WorkflowStatus,
} from "@jeex/contracts/workflow";
import type {
  DocumentRepository,
  ExecutionRepository,
  ExecutionRow,
  ProjectRepository,
} from "@jeex/db/repositories";
import { NotFoundError } from "../errors.ts";
import { idCursor, isoOrNull, pageBeforeId } from "../pagination.ts";
import { assertProjectExists } from "../projects/service.ts";

const executionCursor = idCursor("e1");

export function toExecutionSummary(row: ExecutionRow): ExecutionSummary {
  return {
    id: row.id,
    projectId: row.projectId,
    step: row.step,
    agent: row.agent,
    status: row.status,
    feedback: row.feedback,
    error: row.error ?? null,
    attempts: row.attempts,
    provider: row.provider,
    model: row.model,
    tokensIn: row.tokensIn,
    tokensOut: row.tokensOut,
    costUsd: row.costUsd,
    correlationId: row.correlationId,
    queuedAt: row.queuedAt.toISOString(),
    startedAt: isoOrNull(row.startedAt),
    finishedAt: isoOrNull(row.finishedAt),
  };
}

interface ExecutionsContext {
  executions: ExecutionRepository;
  projects: ProjectRepository;
}

export async function listExecutions(
  ctx: ExecutionsContext,
  input: ListExecutionsInput,
): Promise<Page<ExecutionSummary>> {
  await assertProjectExists(ctx.projects, input.projectId);
  return pageBeforeId(
    input,
    executionCursor,
    (keyset) => ctx.executions.list({ projectId: input.projectId, step: input.step, ...keyset }),
    toExecutionSummary,
  );
}

export async function getExecution(
  ctx: ExecutionsContext,
  { executionId }: ExecutionIdInput,
): Promise<Execution> {
  const row = await ctx.executions.find(executionId);
  if (!row) throw new NotFoundError("execution");
  return { ...toExecutionSummary(row), input: row.input, output: row.output ?? null };
}

/** The main document of each step: its version is the step's "active version". */
const mainDocumentKind: Record<Step, string> = {
  about: "about",
  architecture: "architecture",
  plan: "plan-overview",
  specs: "specs",
};

export async function workflowStatus(
  ctx: ExecutionsContext & { documents: DocumentRepository },
  { projectId }: { projectId: string },
): Promise<WorkflowStatus> {
  await assertProjectExists(ctx.projects, projectId);
  const [latest, active] = await Promise.all([
    ctx.executions.latestPerStep(projectId),
    ctx.documents.listActiveSummaries(projectId),
  ]);
  return {
    projectId,
    steps: steps.map((step) => {
      const last = latest.find((row) => row.step === step);
      const documents = active.filter((doc) => doc.step === step);
      return {
        step,
        status: last?.status ?? "not_started",
        activeVersion: documents.find((doc) => doc.kind === mainDocumentKind[step])?.version ?? null,
        activeDocuments: documents.length,
        stale: documents.some((doc) => doc.stale),
        needsReview: documents.filter((doc) => doc.needsReview).length,
        lastExecution: last ? toExecutionSummary(last) : null,
      };
    }),
  };
}
