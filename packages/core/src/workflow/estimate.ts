import type { EstimateStepInput, StepEstimate } from "@jeex/contracts/estimate";
import type { IdeaInput, Step } from "@jeex/contracts/steps";
import { z } from "zod";
import type { Agent } from "../agents/agent.ts";
import { agentFor } from "../agents/registry.ts";
import { billsTokens, type CostModel } from "../llm/cost-model.ts";
import { costUsd } from "../llm/pricing.ts";
import { chatFramingTokens, countingFor } from "../llm/token-count.ts";
import { assertProjectExists } from "../projects/service.ts";
import { runTextWork } from "../text-work/pool.ts";
import {
  type BudgetContext,
  type BudgetStanding,
  budgetStanding,
  reservationRefusal,
} from "../usage/service.ts";
import { type AgentInputSources, loadAgentInput } from "./context.ts";
import { historySamples, type OutputRange, outputRangeOf } from "./output-range.ts";
import { checkedStepInputs } from "./step-inputs.ts";

export interface EstimateContext extends BudgetContext, AgentInputSources {
  costModel: CostModel;
  /** Tokens each run reserves when queued. */
  runTokenReservation: number;
}

/**
 * Opens the caller's tenant transaction around `work`. Core functions that also wait for the
 * text-work threads take this instead of an open transaction: they read in it, then count outside
 * it, so a busy pool never holds a tenant's connection (on the embedded database, the only one).
 */
export type TenantOpener<Ctx> = <T>(work: (ctx: Ctx) => Promise<T>) => Promise<T>;

/** What an estimate reads from the tenant's data, inside its transaction. */
export interface EstimateReading {
  step: Step;
  model: string;
  /** The messages and the response schema the worker would send, to be counted. */
  texts: string[];
  output: OutputRange;
  standing: BudgetStanding;
  costModel: CostModel;
  runTokenReservation: number;
}

/**
 * `workflow.estimate`: what running a step now would send, spend and cost, and whether the
 * tenant's budget takes it — without calling the model. Refuses as `workflow.runStep` would
 * (missing earlier documents, no idea yet), so an estimate is never of a run that cannot start.
 */
export async function estimateStep(
  openTenant: TenantOpener<EstimateContext>,
  input: EstimateStepInput,
): Promise<StepEstimate> {
  const reading = await openTenant(async (ctx) => {
    await assertProjectExists(ctx.projects, input.projectId);
    const idea = await checkedStepInputs(ctx, input);
    return readEstimate(ctx, { ...input, idea });
  });
  return composeEstimate(reading, await countPromptTokens(reading));
}

/** What a run whose inputs were checked would send, and the budget it would draw on. */
export async function readEstimate(
  ctx: EstimateContext,
  run: { projectId: string; step: Step; idea?: IdeaInput | undefined; feedback?: string | undefined },
): Promise<EstimateReading> {
  const agent = agentFor(run.step) as Agent<unknown>;
  const [agentInput, output, standing] = await Promise.all([
    loadAgentInput(ctx, run),
    outputHistory(ctx, run),
    budgetStanding(ctx),
  ]);
  // The two messages the worker sends, and the JSON schema it sends with them as response_format.
  const texts = [
    agent.instructions,
    agent.buildPrompt(agentInput),
    JSON.stringify(z.toJSONSchema(agent.outputSchema)),
  ];
  return {
    step: run.step,
    model: ctx.costModel.modelFor(run.step),
    texts,
    output,
    standing,
    costModel: ctx.costModel,
    runTokenReservation: ctx.runTokenReservation,
  };
}

/**
 * The prompt's input tokens as the model's tokenizer counts them, on the text-work threads (the
 * prompt carries the tenant's documents, up to 500 KB each): never inside a transaction.
 */
export const countPromptTokens = async (reading: Pick<EstimateReading, "model" | "texts">) =>
  (await runTextWork("countTokens", { model: reading.model, texts: reading.texts })) + chatFramingTokens(2);

/** The estimate from what was read and counted. */
export function composeEstimate(reading: EstimateReading, inputTokens: number): StepEstimate {
  const { costModel, model, output, standing } = reading;
  const billed = billsTokens(costModel);
  const total = (out: number) => (billed ? inputTokens + out : 0);
  const billedTokens = {
    low: total(output.low),
    expected: total(output.expected),
    high: total(output.high),
  };
  const priced = billed && costModel.prices?.[model] !== undefined;
  const cost = (out: number) =>
    billed ? costUsd(costModel.prices, model, { tokensIn: inputTokens, tokensOut: out }) : 0;
  const refusal =
    billedTokens.expected > standing.remaining
      ? `this run is expected to spend about ${billedTokens.expected} tokens (${inputTokens} in, ${output.expected} out), more than the ${standing.remaining} this tenant has left of its ${standing.monthlyTokens} this month`
      : reservationRefusal(standing, reading.runTokenReservation);
  return {
    step: reading.step,
    provider: costModel.provider,
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
      runReservation: Math.min(reading.runTokenReservation, standing.monthlyTokens),
      fits: refusal === undefined,
      refusal: refusal ?? null,
    },
    notes: notesFor(costModel, { step: reading.step, model, billed, priced }),
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
