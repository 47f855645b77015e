import { agentNames } from "@jeex/contracts/steps";
import type { RunStepInput, RunStepOutput } from "@jeex/contracts/workflow";
import { isUniqueViolation } from "@jeex/db/errors";
import type {
  DocumentRepository,
  ExecutionRepository,
  ProjectRepository,
  UsageRepository,
} from "@jeex/db/repositories";
import type { TenantAccess } from "../auth/principal.ts";
import { ConflictError, QuotaExceededError } from "../errors.ts";
import { billsTokens, type CostModel } from "../llm/cost-model.ts";
import { assertProjectExists } from "../projects/service.ts";
import { budgetStanding, reserveRunTokens } from "../usage/service.ts";
import {
  composeEstimate,
  countPromptTokens,
  type EstimateReading,
  readEstimate,
  type TenantOpener,
} from "./estimate.ts";
import { insertQueued } from "./lifecycle.ts";
import { checkedStepInputs } from "./step-inputs.ts";

export interface RequestStepContext {
  projects: ProjectRepository;
  executions: ExecutionRepository;
  documents: DocumentRepository;
  usage: UsageRepository;
  access: TenantAccess;
  requestId: string;
  monthlyTokenBudget(): Promise<number>;
  /** Tokens each run reserves from the monthly budget when queued: also its allowance. */
  runTokenReservation: number;
  /** Runs after the request's transaction commits (the job must not see an uncommitted row). */
  afterCommit(work: () => Promise<void>): void;
  /** Enqueues the job and announces it; called after commit. */
  dispatch(job: { executionId: string; projectId: string; step: RunStepInput["step"] }): Promise<void>;
}

/**
 * Records a queued execution of a step and hands it to the job queue once the record is committed.
 * With a provider that bills, the run is first priced: what it would send is read in one
 * transaction and counted outside it (counting waits for the text-work threads, which must not
 * hold the tenant's connection), then checked against the budget as it stands when recorded.
 */
export async function requestStep(
  openTenant: TenantOpener<RequestStepContext>,
  input: RunStepInput,
  /**
   * The configured model and prices: a run whose estimate exceeds the budget left is refused
   * before it is queued. Absent, or a backend that bills nothing, only the reservation checks the
   * budget, and no pricing transaction is opened.
   */
  costModel?: CostModel,
): Promise<RunStepOutput> {
  const priced = billsTokens(costModel) ? await priceBilledRun(openTenant, input, costModel) : undefined;
  return openTenant((ctx) => recordQueuedRun(ctx, input, priced));
}

/** The answer to a retried create: the run its key already made. */
const deduplicated = (run: { id: string; status: RunStepOutput["status"] }): RunStepOutput => ({
  executionId: run.id,
  status: run.status,
  deduplicated: true,
});

/** A settled read's value, or its error thrown. */
function settledValue<T>(settled: PromiseSettledResult<T>): T {
  if (settled.status === "rejected") throw settled.reason;
  return settled.value;
}

interface PricedRun {
  reading: EstimateReading;
  inputTokens: number;
}

async function priceBilledRun(
  openTenant: TenantOpener<RequestStepContext>,
  input: RunStepInput,
  costModel: CostModel,
): Promise<PricedRun | undefined> {
  const reading = await openTenant(async (ctx) => {
    await assertProjectExists(ctx.projects, input.projectId);
    // A retried request that already created its run costs nothing new.
    if (
      input.idempotencyKey &&
      (await ctx.executions.findByIdempotencyKey(input.projectId, input.idempotencyKey))
    )
      return undefined;
    const idea = await checkedStepInputs(ctx, input);
    return readEstimate({ ...ctx, costModel }, { ...input, idea });
  });
  return reading && { reading, inputTokens: await countPromptTokens(reading) };
}

async function recordQueuedRun(
  ctx: RequestStepContext,
  input: RunStepInput,
  priced: PricedRun | undefined,
): Promise<RunStepOutput> {
  // Three reads sent together (one round trip), their answers checked in this order.
  const [project, retried, inputs] = await Promise.allSettled([
    assertProjectExists(ctx.projects, input.projectId),
    input.idempotencyKey
      ? ctx.executions.findByIdempotencyKey(input.projectId, input.idempotencyKey)
      : undefined,
    checkedStepInputs(ctx, input),
  ]);
  settledValue(project);
  const earlier = settledValue(retried);
  if (earlier) return deduplicated(earlier);
  const idea = settledValue(inputs);
  if (priced) {
    // A pre-check against what the run is expected to spend, with the budget as it stands now;
    // the reservation below stays the rule.
    const standing = await budgetStanding(ctx);
    const { budget } = composeEstimate({ ...priced.reading, standing }, priced.inputTokens);
    if (budget.refusal) throw new QuotaExceededError(budget.refusal);
  }
  let tokensReserved: number;
  try {
    tokensReserved = await reserveRunTokens(ctx, ctx.runTokenReservation);
  } catch (error) {
    // A retried create whose first attempt committed while this one waited for the budget lock:
    // that run took the budget, and it is this request's answer. Behind the lock it is visible.
    const committedMeanwhile =
      error instanceof QuotaExceededError && input.idempotencyKey
        ? await ctx.executions.findByIdempotencyKey(input.projectId, input.idempotencyKey)
        : undefined;
    if (committedMeanwhile) return deduplicated(committedMeanwhile);
    throw error;
  }

  const execution = await insertQueued(ctx, {
    projectId: input.projectId,
    step: input.step,
    agent: agentNames[input.step],
    input: idea ? { idea } : {},
    feedback: input.feedback,
    idempotencyKey: input.idempotencyKey,
    correlationId: ctx.requestId,
    tokensReserved,
  }).catch((error: unknown) => {
    if (isUniqueViolation(error))
      throw new ConflictError("a run with this idempotency key is being created; retry");
    throw error;
  });
  ctx.afterCommit(() =>
    ctx.dispatch({ executionId: execution.id, projectId: input.projectId, step: input.step }),
  );
  return { executionId: execution.id, status: execution.status, deduplicated: false };
}
