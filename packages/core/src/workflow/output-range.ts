import type { StepEstimate } from "@jeex/contracts/estimate";
import type { Step } from "@jeex/contracts/steps";

export type OutputRange = StepEstimate["outputTokens"];

/**
 * Output tokens of a step before it has any history: the structured answers of its agent with a
 * frontier model on a one-paragraph idea. The about document is short; the architecture carries
 * ADRs and two C4 diagrams; the plan an epic per capability with its tasks.
 */
export const defaultOutputTokens: Record<Step, { low: number; expected: number; high: number }> = {
  about: { low: 800, expected: 1_500, high: 3_000 },
  architecture: { low: 2_500, expected: 5_000, high: 9_000 },
  plan: { low: 2_500, expected: 5_000, high: 10_000 },
  specs: { low: 1_500, expected: 3_000, high: 6_000 },
};

/** Runs of the step looked at, newest first: recent enough to follow a changing project. */
export const historySamples = 20;

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : Math.round(((sorted[middle - 1] ?? upper) + upper) / 2);
}

/**
 * The range of a step's output tokens: smallest, median and largest of the project's recent runs;
 * the tenant's when the project has none; the step's default when neither has.
 */
export function outputRangeOf(step: Step, history: { project: number[]; tenant: number[] }): OutputRange {
  const [basis, samples] =
    history.project.length > 0
      ? (["project", history.project] as const)
      : history.tenant.length > 0
        ? (["tenant", history.tenant] as const)
        : (["default", []] as const);
  if (samples.length === 0) return { ...defaultOutputTokens[step], basis, samples: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    low: sorted[0] ?? 0,
    expected: median(sorted),
    high: sorted[sorted.length - 1] ?? 0,
    basis,
    samples: sorted.length,
  };
}
