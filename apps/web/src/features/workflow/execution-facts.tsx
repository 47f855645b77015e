import type { ExecutionSummary } from "@jeex/contracts/workflow";
import { FactList } from "./fact-list.tsx";
import { formatCost, formatDuration, formatTime, formatTokens } from "./format.ts";

/** Model, tokens, cost and time of one run, as a description list. */
export function ExecutionFacts({ execution }: { execution: ExecutionSummary }) {
  const facts: [string, string][] = [
    [
      "Model",
      execution.model ? `${execution.model}${execution.provider ? ` (${execution.provider})` : ""}` : "–",
    ],
    ["Tokens", formatTokens(execution.tokensIn, execution.tokensOut)],
    ["Cost", formatCost(execution.costUsd)],
    ["Queued", formatTime(execution.queuedAt)],
    ["Took", formatDuration(execution.startedAt, execution.finishedAt)],
  ];
  return <FactList facts={facts} truncate />;
}
