import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import type { Database } from "@jeex/db/client";
import { createExecutionRepository, type ExecutionError } from "@jeex/db/repositories/executions";
import { type Span, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Agent } from "../agents/agent.ts";
import { agentFor } from "../agents/registry.ts";
import type { EventLog } from "../events/port.ts";
import { LlmError, LlmOutputInvalidError } from "../llm/errors.ts";
import type { LlmProvider } from "../llm/port.ts";
import type { StepMemory } from "../memory/step-memory.ts";
import type { JobHandler, StepJob } from "../queue/port.ts";
import { claimExecution, StepContextError } from "./context.ts";
import { draftWithAgent } from "./draft.ts";
import { persistStepResult } from "./persist.ts";
import { executionProgress } from "./progress.ts";
import { watchForCancellation } from "./watch-cancellation.ts";

export interface StepWorkerDeps {
  db: Database;
  events: EventLog<ProgressEvent>;
  llm: LlmProvider;
  log: { info(details: object, message: string): void; error(details: object, message: string): void };
  /** How often a running step checks whether it was cancelled. */
  cancelPollMs?: number;
  /** Project memory: excerpts for the agent, re-indexing after a run. Absent = agents get no memory. */
  memory?: StepMemory | undefined;
}

const tracer = trace.getTracer("jeex-workflow");

function executionErrorOf(error: unknown): ExecutionError {
  if (error instanceof LlmOutputInvalidError)
    return { code: error.code, message: error.message, issues: error.answers };
  if (error instanceof LlmError) return { code: error.code, message: error.message };
  if (error instanceof StepContextError) return { code: "STEP_CONTEXT", message: error.message };
  return { code: "INTERNAL", message: "the step failed unexpectedly; see the worker log" };
}

/**
 * The worker side of `workflow.runStep`: claim, load context, call the agent (outside any
 * transaction), render, and finish everything in one tenant transaction. Model and output
 * failures end the execution as `failed` with the error recorded; infrastructure failures
 * (database unreachable) are thrown so the queue retries the job.
 */
export function createStepHandler(deps: StepWorkerDeps): JobHandler<StepJob> {
  return (job, runnerSignal) =>
    tracer.startActiveSpan(
      "workflow.step",
      {
        attributes: {
          "jeex.tenant_id": job.tenantId,
          "jeex.project_id": job.projectId,
          "jeex.execution_id": job.executionId,
        },
      },
      (span) => runStep(deps, job, runnerSignal, span).finally(() => span.end()),
    );
}

async function runStep(deps: StepWorkerDeps, job: StepJob, runnerSignal: AbortSignal, span: Span) {
  const scope = { tenantId: job.tenantId, userId: job.userId };
  const key = { tenantId: job.tenantId, projectId: job.projectId };
  let claimed: Awaited<ReturnType<typeof claimExecution>>;
  try {
    claimed = await deps.db.withTenant(scope, (tx) => claimExecution(tx, job.executionId));
  } catch (error) {
    if (!(error instanceof StepContextError)) throw error;
    await deps.db.withTenant(scope, (tx) =>
      createExecutionRepository(tx).end(job.executionId, "failed", executionErrorOf(error)),
    );
    return;
  }
  if (!claimed) return;
  const { execution, input } = claimed;
  const run = { executionId: execution.id, projectId: execution.projectId, step: execution.step };
  span.setAttribute("jeex.step", run.step);
  const publish = executionProgress(deps.events, key, run);
  await publish("execution.started", {});

  const cancellation = watchForCancellation(
    deps.db,
    scope,
    execution.id,
    runnerSignal,
    deps.cancelPollMs ?? 500,
  );
  try {
    const agent = agentFor(run.step) as Agent<unknown>;
    const memoryRun = { ...scope, projectId: run.projectId, step: run.step };
    // Recalled here, not in claimExecution: a remote embedder must not hold the claim transaction open.
    const memory =
      (await deps.memory?.recall(memoryRun, agent.memoryQuery(input), cancellation.signal)) ?? input.memory;
    await publish("execution.progress", { percent: 10, message: `${agent.name} is drafting` });
    const { result, rendered } = await draftWithAgent(
      agent,
      deps.llm,
      { ...input, memory },
      cancellation.signal,
    );
    await publish("execution.progress", { percent: 80, message: "saving documents" });
    const outcome = {
      output: result.output,
      provider: result.provider,
      model: result.model,
      tokensIn: result.usage.tokensIn,
      tokensOut: result.usage.tokensOut,
      costUsd: result.costUsd,
    };
    const written = await tracer.startActiveSpan("workflow.persist", async (persistSpan) => {
      try {
        return await deps.db.withTenant(scope, (tx) => persistStepResult(tx, run, rendered, outcome));
      } finally {
        persistSpan.end();
      }
    });
    if (!written) return; // cancelled while the model was working: nothing was written
    await deps.memory?.indexStep(memoryRun);
    for (const doc of written) await publish("document.created", doc);
    await publish("execution.succeeded", {});
    span.setStatus({ code: SpanStatusCode.OK });
  } catch (error) {
    if (cancellation.cancelledByUser()) return; // workflow.cancel already ended it and announced it
    if (runnerSignal.aborted) throw error; // shutting down: the queue hands the job to another worker
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    const recorded = executionErrorOf(error);
    if (recorded.code === "INTERNAL")
      deps.log.error({ err: error, executionId: run.executionId }, "step failed");
    const spent = error instanceof LlmOutputInvalidError ? error : undefined;
    const ended = await deps.db.withTenant(scope, (tx) =>
      createExecutionRepository(tx).end(run.executionId, "failed", recorded, {
        tokensIn: spent?.usage.tokensIn ?? 0,
        tokensOut: spent?.usage.tokensOut ?? 0,
        costUsd: spent?.costUsd ?? 0,
      }),
    );
    if (ended)
      await publish("execution.failed", { error: { code: recorded.code, message: recorded.message } });
  } finally {
    cancellation.stop();
  }
}
