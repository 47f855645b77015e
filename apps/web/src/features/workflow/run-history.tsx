import type { Step } from "@jeex/contracts/steps";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { Button } from "../../ui/button.tsx";
import { Dialog } from "../../ui/dialog.tsx";
import { QueryBoundary } from "../../ui/query-boundary.tsx";
import { StatusBadge } from "../../ui/status-badge.tsx";
import { ExecutionFacts } from "./execution-facts.tsx";
import { formatCost, formatDuration, formatTime } from "./format.ts";
import { stepTitles } from "./steps.ts";

const historySize = 10;

/** A step's runs, newest first; loaded when the person opens it. */
export function RunHistory({ projectId, step }: { projectId: string; step: Step }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="group text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer select-none text-fg-muted hover:text-fg">Run history</summary>
      {open ? <RunHistoryList projectId={projectId} step={step} /> : null}
    </details>
  );
}

function RunHistoryList({ projectId, step }: { projectId: string; step: Step }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.workflow.executions.list.queryOptions({ projectId, step, limit: historySize }));
  const [detailsOf, setDetailsOf] = useState<string | undefined>(undefined);
  return (
    <div className="mt-2">
      <QueryBoundary
        query={query}
        loadingLabel="Loading runs"
        errorTitle="Could not load the runs"
        isEmpty={(page) => page.items.length === 0}
        empty={<p className="text-xs text-fg-muted">No runs yet.</p>}
      >
        {(page) => (
          <ul className="flex flex-col divide-y divide-border rounded-md border border-border">
            {page.items.map((run) => (
              <li key={run.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-2 py-1.5 text-xs">
                <StatusBadge status={run.status} />
                <span className="text-fg-muted">{formatTime(run.queuedAt)}</span>
                <span className="text-fg-muted">{formatDuration(run.startedAt, run.finishedAt)}</span>
                <span className="text-fg-muted">{formatCost(run.costUsd)}</span>
                <Button
                  size="sm"
                  variant="ghost"
                  className="ml-auto"
                  onClick={() => setDetailsOf(run.id)}
                  aria-label={`Details of the run queued ${formatTime(run.queuedAt)}`}
                >
                  Details
                </Button>
              </li>
            ))}
          </ul>
        )}
      </QueryBoundary>
      <Dialog
        open={detailsOf !== undefined}
        onOpenChange={(next) => (next ? null : setDetailsOf(undefined))}
        title={`${stepTitles[step]} run`}
      >
        {detailsOf ? <ExecutionDetails executionId={detailsOf} /> : null}
      </Dialog>
    </div>
  );
}

function ExecutionDetails({ executionId }: { executionId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.workflow.executions.get.queryOptions({ executionId }));
  return (
    <QueryBoundary query={query} loadingLabel="Loading the run" errorTitle="Could not load the run">
      {(execution) => (
        <div className="flex flex-col gap-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={execution.status} />
            <span className="text-xs text-fg-muted">
              {execution.agent} · attempt {execution.attempts}
            </span>
          </div>
          <ExecutionFacts execution={execution} />
          {execution.feedback ? (
            <section>
              <h3 className="text-xs font-medium text-fg-muted">Feedback</h3>
              <p className="whitespace-pre-wrap text-fg">{execution.feedback}</p>
            </section>
          ) : null}
          {execution.error ? (
            <section>
              <h3 className="text-xs font-medium text-fg-muted">Error</h3>
              <p className="text-danger">
                <code className="font-mono">{execution.error.code}</code> {execution.error.message}
              </p>
            </section>
          ) : null}
          {execution.correlationId ? (
            <p className="text-xs text-fg-muted">
              Correlation id <code className="select-all font-mono">{execution.correlationId}</code>
            </p>
          ) : null}
        </div>
      )}
    </QueryBoundary>
  );
}
