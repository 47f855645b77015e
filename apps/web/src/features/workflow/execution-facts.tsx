import type { ExecutionSummary } from "@jeex/contracts/workflow";
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
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-fg-muted">{term}</dt>
          <dd className="min-w-0 truncate text-fg">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
