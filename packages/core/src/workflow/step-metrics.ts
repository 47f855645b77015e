import { metrics } from "@opentelemetry/api";

/** How a step run ended, as the duration metric labels it; `error` = thrown, the queue retries it. */
export type StepOutcome = "succeeded" | "failed" | "cancelled" | "skipped" | "error";

function createInstruments() {
  const meter = metrics.getMeter("jeex-workflow");
  return {
    stepDuration: meter.createHistogram("jeex.workflow.step.duration", {
      description: "Duration of workflow step runs in the worker, model time included",
      unit: "s",
      // Template steps take milliseconds, model steps up to minutes.
      advice: { explicitBucketBoundaries: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300] },
    }),
    tokens: meter.createCounter("jeex.llm.tokens", {
      description: "Model tokens spent by workflow steps, by tenant",
      unit: "{token}",
    }),
  };
}

// Created on first use, not at import: unlike tracers, a meter taken before the SDK registers its
// provider stays a no-op for good. Without an SDK these instruments are no-ops.
let instruments: ReturnType<typeof createInstruments> | undefined;
const workflowInstruments = () => {
  instruments ??= createInstruments();
  return instruments;
};

export function recordStepRun(step: string | undefined, outcome: StepOutcome, seconds: number): void {
  workflowInstruments().stepDuration.record(seconds, {
    "jeex.step": step ?? "unknown",
    "jeex.outcome": outcome,
  });
}

export function recordTokens(
  run: { tenantId: string; step: string; model?: string | undefined },
  usage: { tokensIn: number; tokensOut: number },
): void {
  const { tokens } = workflowInstruments();
  const attributes = {
    "jeex.tenant_id": run.tenantId,
    "jeex.step": run.step,
    ...(run.model ? { "gen_ai.request.model": run.model } : {}),
  };
  if (usage.tokensIn > 0) tokens.add(usage.tokensIn, { ...attributes, "gen_ai.token.type": "input" });
  if (usage.tokensOut > 0) tokens.add(usage.tokensOut, { ...attributes, "gen_ai.token.type": "output" });
}
