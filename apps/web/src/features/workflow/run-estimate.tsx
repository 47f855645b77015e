import type { StepEstimate } from "@jeex/contracts/estimate";
import { Coins, TriangleAlert } from "lucide-react";
import { describeError } from "../../lib/trpc-error.ts";
import { Spinner } from "../../ui/spinner.tsx";
import { FactList } from "./fact-list.tsx";
import { formatCost } from "./format.ts";
import type { useRunEstimate } from "./use-run-estimate.ts";

const number = new Intl.NumberFormat("en");
const range = (low: number, high: number) =>
  low === high ? number.format(low) : `${number.format(low)}–${number.format(high)}`;

const basisText: Record<StepEstimate["outputTokens"]["basis"], (samples: number) => string> = {
  project: (n) => `from this project's last ${n === 1 ? "run" : `${n} runs`}`,
  tenant: (n) => `from your workspace's last ${n === 1 ? "run" : `${n} runs`} of this step`,
  default: () => "a default: this step has not run with a model yet",
};

function costText(estimate: StepEstimate): string {
  if (estimate.provider === "template")
    return "Free: the template provider drafts offline, no model is called";
  if (!estimate.priced) return `No price is configured for ${estimate.model}`;
  return `${formatCost(estimate.costUsd.low)}–${formatCost(estimate.costUsd.high)} at ${estimate.model}'s prices`;
}

/** The server's reasons start in lower case, to read inside other messages. */
const asSentence = (reason: string) => reason.charAt(0).toUpperCase() + reason.slice(1);

/** What a run would take — tokens, cost, budget left — and, over budget, why it cannot start. */
export function RunEstimate({ estimate }: { estimate: ReturnType<typeof useRunEstimate> }) {
  const { query, refusal } = estimate;
  if (query.isPending && query.fetchStatus === "idle") return null;
  if (query.isPending) {
    return (
      <p className="flex items-center gap-2 text-xs text-fg-muted">
        <Spinner /> Estimating the run…
      </p>
    );
  }
  if (query.isError) {
    return <p className="text-xs text-fg-muted">No estimate: {describeError(query.error).message}</p>;
  }
  const { data } = query;
  const facts: [string, string][] = [
    [
      "Input",
      `${number.format(data.inputTokens)} tokens, ${data.counting.exact ? "counted with" : "approximated with"} ${data.counting.encoding}`,
    ],
    [
      "Output",
      `${range(data.outputTokens.low, data.outputTokens.high)} tokens, ${basisText[data.outputTokens.basis](data.outputTokens.samples)}`,
    ],
    ["Cost", costText(data)],
    [
      "Budget left",
      `${number.format(data.budget.remaining)} of ${number.format(data.budget.monthlyTokens)} tokens this month`,
    ],
  ];
  return (
    <section
      aria-label="Estimate"
      className="flex flex-col gap-2 rounded-md border border-border p-3 text-xs"
    >
      <h3 className="flex items-center gap-1.5 font-medium text-fg">
        <Coins aria-hidden="true" className="size-3.5" /> Estimate
      </h3>
      <FactList facts={facts} />
      {refusal ? (
        <p role="alert" className="flex gap-1.5 rounded bg-warning-soft p-2 text-fg">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-3.5 shrink-0 text-warning" />
          <span>
            <strong className="font-medium">Over budget: this run cannot start.</strong> {asSentence(refusal)}
          </span>
        </p>
      ) : null}
    </section>
  );
}
