import type { EstimateStepInput, StepEstimate } from "@jeex/contracts/estimate";
import type { IdeaInput, Step } from "@jeex/contracts/steps";
import { z } from "zod";
import type { Agent } from "../agents/agent.ts";
import { agentFor } from "../agents/registry.ts";
import type { CostModel } from "../llm/cost-model.ts";
import { costUsd } from "../llm/pricing.ts";
import { chatFramingTokens, countingFor } from "../llm/token-count.ts";
import { assertProjectExists } from "../projects/service.ts";
import { runTextWork } from "../text-work/pool.ts";
import { type BudgetContext, budgetStanding, reservationRefusal } from "../usage/service.ts";
import { type AgentInputSources, loadAgentInput } from "./context.ts";
import { historySamples, type OutputRange, outputRangeOf } from "./output-range.ts";
import { checkedStepInputs } from "./step-inputs.ts";

export interface EstimateContext extends BudgetContext, AgentInputSources {
  costModel: CostModel;
  /** Tokens each run reserves when queued. */
  runTokenReservation: number;
}

/**
 * `workflow.estimate`: what running a step now would send, spend and cost, and whether the
 * tenant's budget takes it — without calling the model. Refuses as `workflow.runStep` would
 * (missing earlier documents, no idea yet), so an estimate is never of a run that cannot start.
 */
export async function estimateStep(ctx: EstimateContext, input: EstimateStepInput): Promise<StepEstimate> {
  await assertProjectExists(ctx.projects, input.projectId);
  const idea = await checkedStepInputs(ctx, input);
  return estimateRun(ctx, { ...input, idea });
}

/** The estimate of a run whose inputs were checked: `workflow.runStep`'s pre-check. */
export async function estimateRun(
  ctx: EstimateContext,
  run: { projectId: string; step: Step; idea?: IdeaInput | undefined; feedback?: string | undefined },
): Promise<StepEstimate> {
  const agent = agentFor(run.step) as Agent<unknown>;
  const model = ctx.costModel.modelFor(run.step);
  const [agentInput, output, standing] = await Promise.all([
    loadAgentInput(ctx, run),
    outputHistory(ctx, run),
    budgetStanding(ctx),
  ]);
  // The two messages the worker sends, and the JSON schema it sends with them as response_format,
  // counted on the text-work threads: the prompt carries the tenant's documents (up to 500 KB each).
  const texts = [
    agent.instructions,
    agent.buildPrompt(agentInput),
    JSON.stringify(z.toJSONSchema(agent.outputSchema)),
  ];
  const inputTokens = (await runTextWork("countTokens", { model, texts })) + chatFramingTokens(2);

  const billed = ctx.costModel.provider !== "template";
  const total = (out: number) => (billed ? inputTokens + out : 0);
  const billedTokens = {
    low: total(output.low),
    expected: total(output.expected),
    high: total(output.high),
  };
  const priced = billed && ctx.costModel.prices?.[model] !== undefined;
  const cost = (out: number) =>
    billed ? costUsd(ctx.costModel.prices, model, { tokensIn: inputTokens, tokensOut: out }) : 0;
  const refusal =
    billedTokens.expected > standing.remaining
      ? `this run is expected to spend about ${billedTokens.expected} tokens (${inputTokens} in, ${output.expected} out), more than the ${standing.remaining} this tenant has left of its ${standing.monthlyTokens} this month`
      : reservationRefusal(standing, ctx.runTokenReservation);
  return {
    step: run.step,
    provider: ctx.costModel.provider,
    model,
    inputTokens,
    counting: countingFor(model),
    outputTokens: output,
    billedTokens,
    costUsd: { low: cost(output.low), expected: cost(output.expected), high: cost(output.high) },
    priced,
    budget: {
      monthlyTokens: standing.monthlyTokens,
      spent: standing.spent,
      reserved: standing.reserved,
      remaining: standing.remaining,
      runReservation: Math.min(ctx.runTokenReservation, standing.monthlyTokens),
      fits: refusal === undefined,
      refusal: refusal ?? null,
    },
    notes: notesFor(ctx.costModel, { step: run.step, model, billed, priced }),
  };
}

async function outputHistory(
  ctx: EstimateContext,
  run: { projectId: string; step: Step },
): Promise<OutputRange> {
  const project = await ctx.executions.recentOutputTokens(run.step, {
    projectId: run.projectId,
    limit: historySamples,
  });
  const tenant =
    project.length > 0 ? [] : await ctx.executions.recentOutputTokens(run.step, { limit: historySamples });
  return outputRangeOf(run.step, { project, tenant });
}

function notesFor(
  costModel: CostModel,
  facts: { step: Step; model: string; billed: boolean; priced: boolean },
): string[] {
  const notes: string[] = [];
  if (!facts.billed) {
    notes.push(
      "The template provider drafts offline: no model is called and nothing is charged; the input tokens are what a model would be sent.",
    );
  } else if (!facts.priced) {
    notes.push(`No price is configured for ${facts.model}: its cost shows as 0 (see LLM_PRICES).`);
  }
  if (facts.step !== "about") {
    notes.push("Project-memory excerpts the worker adds at run time (a few short passages) are not counted.");
  }
  if (costModel.provider !== "template") {
    notes.push(
      "An invalid first answer is re-asked once with the whole conversation, which can double the spend.",
    );
  }
  return notes;
}
