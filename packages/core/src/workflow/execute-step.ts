import type { Database } from "@jeex/db/client";
import type { ExecutionError } from "@jeex/db/repositories";
import type { TenantScope } from "@jeex/db/tenant";
import { type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Agent } from "../agents/agent.ts";
import { agentFor } from "../agents/registry.ts";
import {
  LlmError,
  LlmOutputInvalidError,
  LlmOutputTruncatedError,
  TokenAllowanceExceededError,
} from "../llm/errors.ts";
import type { LlmProvider } from "../llm/port.ts";
import { withLogFields } from "../log-context.ts";
import type { StepMemory } from "../memory/step-memory.ts";
import { refreshQualityReport } from "../quality/service.ts";
import type { JobHandler, StepJob } from "../queue/port.ts";
import { inSpan } from "../telemetry/span.ts";
import { meterAttempt } from "./attempt-meter.ts";
import { claimExecution, StepContextError } from "./context.ts";
import { draftWithAgent } from "./draft.ts";
import { type ExecutionLifecycle, refOf } from "./lifecycle.ts";
import { persistStepResult } from "./persist.ts";
import { recordStepRun, recordTokens, type StepOutcome } from "./step-metrics.ts";
import { contextOfTraceparent } from "./trace-context.ts";
import { watchForCancellation } from "./watch-cancellation.ts";

export interface StepWorkerDeps {
  db: Database;
  /** Every status change and its event go through it. */
  lifecycle: ExecutionLifecycle;
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
  // Refused before it was sent: the budget's code, as a run the budget cannot take is refused.
  if (error instanceof TokenAllowanceExceededError) return { code: "QUOTA_EXCEEDED", message: error.message };
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
    withLogFields({ tenant_id: job.tenantId, project_id: job.projectId }, () =>
      tracer.startActiveSpan(
        "workflow.step",
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            "jeex.tenant_id": job.tenantId,
            "jeex.project_id": job.projectId,
            "jeex.execution_id": job.executionId,
          },
        },
        // A child of the request that queued the run, even when it ran in another process.
        contextOfTraceparent(job.traceparent),
        (span) => measuredStep(deps, job, runnerSignal, span).finally(() => span.end()),
      ),
    );
}

/** The step succeeded whatever the report's fate; a failed report is logged and shows as pending. */
async function refreshQualityReportQuietly(
  deps: StepWorkerDeps,
  scope: TenantScope,
  run: { executionId: string; projectId: string },
) {
  try {
    await refreshQualityReport(deps.db, scope, run.projectId);
  } catch (error) {
    deps.log.error(
      { err: error, executionId: run.executionId },
      "could not compute the pack's quality report",
    );
  }
}

interface StepRun {
  outcome: StepOutcome;
  /** Known once the execution is claimed. */
  step?: string;
}

async function measuredStep(deps: StepWorkerDeps, job: StepJob, runnerSignal: AbortSignal, span: Span) {
  const started = performance.now();
  // Thrown (database down, shutting down): the queue runs the job again.
  let run: StepRun = { outcome: "error" };
  try {
    run = await attemptStep(deps, job, runnerSignal, span);
  } finally {
    recordStepRun(run.step, run.outcome, (performance.now() - started) / 1000);
  }
}

/** One attempt at a queued step: claim it, draft, persist, announce; says how the attempt ended. */
async function attemptStep(
  deps: StepWorkerDeps,
  job: StepJob,
  runnerSignal: AbortSignal,
  span: Span,
): Promise<StepRun> {
  const { lifecycle } = deps;
  const scope = { tenantId: job.tenantId, userId: job.userId };
  let claimed: Awaited<ReturnType<typeof claimExecution>>;
  try {
    claimed = await inSpan(tracer, "workflow.claim", {}, () =>
      deps.db.withTenant(scope, (tx) => claimExecution(tx, lifecycle, job.executionId)),
    );
  } catch (error) {
    if (!(error instanceof StepContextError)) throw error;
    await lifecycle.fail(scope, job.executionId, executionErrorOf(error));
    return { outcome: "failed" };
  }
  if (!claimed) return { outcome: "skipped" };
  const { execution, input } = claimed;
  const run = { executionId: execution.id, projectId: execution.projectId, step: execution.step };
  span.setAttribute("jeex.step", run.step);
  await claimed.announceStarted();
  const progress = (percent: number, message: string) =>
    lifecycle.publish(refOf(execution), "execution.progress", { percent, message });

  const cancellation = watchForCancellation(
    deps.db,
    scope,
    execution.id,
    runnerSignal,
    deps.cancelPollMs ?? 500,
  );
  const meter = meterAttempt(execution);
  // Whatever ended the attempt without its own transition still paid for its model calls.
  const recordSpentQuietly = () =>
    lifecycle.recordSpentAfterEnd(scope, run.executionId, meter.spend()).catch((error: unknown) => {
      deps.log.error({ err: error, executionId: run.executionId }, "could not record a step's token usage");
    });
  try {
    const agent = agentFor(run.step) as Agent<unknown>;
    const memoryRun = { ...scope, projectId: run.projectId, step: run.step };
    // Recalled here, not in claimExecution: a remote embedder must not hold the claim transaction open.
    const memory =
      (await deps.memory?.recall(memoryRun, agent.memoryQuery(input), cancellation.signal)) ?? input.memory;
    await progress(10, `${agent.name} is drafting`);
    const { result, rendered } = await draftWithAgent(
      agent,
      deps.llm,
      { ...input, memory },
      AbortSignal.any([cancellation.signal, meter.signal]),
      { onModelCall: meter.onModelCall, tokenAllowance: meter.allowance },
    );
    recordTokens({ tenantId: job.tenantId, step: run.step, model: result.model }, result.usage);
    await progress(80, "saving documents");
    const outcome = {
      output: result.output,
      provider: result.provider,
      model: result.model,
      tokensIn: result.usage.tokensIn,
      tokensOut: result.usage.tokensOut,
      costUsd: result.costUsd,
      attempt: execution.attempts,
    };
    const persisted = await inSpan(tracer, "workflow.persist", {}, () =>
      deps.db.withTenant(scope, async (tx) => {
        const announce = await persistStepResult(tx, lifecycle, run, rendered, outcome);
        // Committed with the versions, so memory never misses one (a lost job is queued again).
        const queueIndexing = announce && (await deps.memory?.recordStepIndexing(tx, memoryRun));
        return announce && { announce, queueIndexing };
      }),
    );
    // Cancelled while the model was working: no document was written, but the tokens were spent.
    if (!persisted) {
      await recordSpentQuietly();
      return { outcome: "cancelled", step: run.step };
    }
    // Before the announcement: whoever sees the step succeed finds the pack's report in place.
    await inSpan(tracer, "quality.refresh", {}, () => refreshQualityReportQuietly(deps, scope, run));
    await persisted.announce();
    // After it: the requests are recorded, and the jobs would only compete with the step's last work.
    await persisted.queueIndexing?.();
    span.setStatus({ code: SpanStatusCode.OK });
    return { outcome: "succeeded", step: run.step };
  } catch (error) {
    // workflow.cancel already ended it and announced it
    if (cancellation.cancelledByUser()) {
      await recordSpentQuietly();
      return { outcome: "cancelled", step: run.step };
    }
    if (runnerSignal.aborted) {
      // shutting down: the queue hands the job to another worker, whose attempt records its own calls
      await recordSpentQuietly();
      throw error;
    }
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    // An answer cut off at the cap says so, even when that cap was the last of the reservation.
    const recorded: ExecutionError =
      meter.reservationSpent() && !(error instanceof LlmOutputTruncatedError)
        ? { code: "TOKEN_RESERVATION_SPENT", message: (meter.signal.reason as Error).message }
        : executionErrorOf(error);
    if (recorded.code === "INTERNAL")
      deps.log.error({ err: error, executionId: run.executionId }, "step failed");
    const spend = meter.spend();
    recordTokens({ tenantId: job.tenantId, step: run.step }, spend);
    await lifecycle.fail(scope, run.executionId, recorded, spend);
    return { outcome: "failed", step: run.step };
  } finally {
    cancellation.stop();
  }
}
