import type { JeexClient } from "@jeex/client";
import type { StepEstimate } from "@jeex/contracts/estimate";
import type { Step } from "@jeex/contracts/steps";
import { CliError } from "../errors.ts";
import { ExitCode } from "../exit-codes.ts";

const tokens = (n: number) => Math.round(n).toLocaleString("en-US");
const usd = (n: number) => (n === 0 ? "$0" : n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);

/**
 * One line before a step starts, e.g.
 * `about: 1,234 input tokens (o200k_base, exact) + 800–3,000 output (default); $0.0007–$0.0020; budget left 1,998,000 of 2,000,000`.
 */
export function describeEstimate(estimate: StepEstimate): string {
  const { outputTokens: out, costUsd: cost, budget } = estimate;
  const counting = `${estimate.counting.encoding}, ${estimate.counting.exact ? "exact" : "approximate"}`;
  const basis = out.basis === "default" ? "default" : `${out.basis} history of ${out.samples}`;
  const price =
    estimate.provider === "template"
      ? "template provider: no model call, no charge"
      : estimate.priced
        ? `${usd(cost.low)}–${usd(cost.high)}`
        : `no price configured for ${estimate.model}`;
  return `${estimate.step}: ${tokens(estimate.inputTokens)} input tokens (${counting}) + ${tokens(out.low)}–${tokens(out.high)} output (${basis}); ${price}; budget left ${tokens(budget.remaining)} of ${tokens(budget.monthlyTokens)}`;
}

/** What running the step now would take (workflow.estimate, which calls no model). */
export function estimateOf(
  client: JeexClient,
  run: { projectId: string; step: Step; idea?: string | undefined; feedback?: string | undefined },
): Promise<StepEstimate> {
  return client.workflow.estimate.query({
    projectId: run.projectId,
    step: run.step,
    ...(run.idea !== undefined ? { input: { idea: run.idea } } : {}),
    ...(run.feedback !== undefined ? { feedback: run.feedback } : {}),
  });
}

/** A step the budget cannot take stops the plan before it starts; `completed` are the steps done. */
export const overBudget = (estimate: StepEstimate, refusal: string, completed: readonly unknown[]) =>
  new CliError(`the ${estimate.step} step was not started: ${refusal}`, ExitCode.refused, {
    code: "QUOTA_EXCEEDED",
    details: { step: estimate.step, estimate, completed },
  });
