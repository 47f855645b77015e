import type { DocumentSummary } from "@jeex/contracts/documents";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { Button } from "../../ui/button.tsx";
import { Card } from "../../ui/card.tsx";
import { ErrorState } from "../../ui/error-state.tsx";
import { Spinner } from "../../ui/spinner.tsx";
import { StatusBadge } from "../../ui/status-badge.tsx";
import { ExecutionFacts } from "./execution-facts.tsx";
import { RunHistory } from "./run-history.tsx";
import type { StepView } from "./step-view.ts";
import { stepAgents, stepOrder, stepTitles } from "./steps.ts";

const shownDocuments = 6;

/** The step's main document first (docs/architecture.md before its ADRs, the plan's overview before its epics). */
function mainDocumentsFirst(documents: DocumentSummary[]): DocumentSummary[] {
  const depth = (doc: DocumentSummary) => doc.path.split("/").length;
  const rank = (doc: DocumentSummary) => (doc.path.endsWith("/overview.md") ? 0 : 1);
  return [...documents].sort(
    (a, b) => depth(a) - depth(b) || rank(a) - rank(b) || a.path.localeCompare(b.path),
  );
}

export interface StepCardProps {
  projectId: string;
  view: StepView;
  /** The caller's role may run and cancel (editor and above). */
  canRun: boolean;
  documents: DocumentSummary[] | undefined;
  /** The documents query is fetching (a run just ended): an empty list may only be out of date. */
  documentsFetching?: boolean;
  onRun: () => void;
}

export function StepCard({
  projectId,
  view,
  canRun,
  documents,
  documentsFetching = false,
  onRun,
}: StepCardProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.workflow.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.workflow.pathFilter()),
    }),
  );
  const title = stepTitles[view.step];
  const headingId = `step-${view.step}`;
  const active = view.activeExecutionId !== undefined;
  const ran = view.ranBefore;
  const statusLabel =
    view.status === "running" && view.percent !== undefined
      ? `Running · ${Math.round(view.percent)}%`
      : undefined;

  return (
    <Card
      className="flex min-w-0 flex-1 flex-col gap-3"
      aria-labelledby={headingId}
      role="region"
      data-step={view.step}
    >
      {/* The agent's name has the card's full width below the badge: a long one ("Engineering
          Standards") wrapping beside it would push this card's content below its neighbours'. */}
      <div>
        <div className="flex items-start justify-between gap-2">
          <h2 id={headingId} className="min-w-0 text-base font-semibold text-fg">
            <span className="mr-1.5 text-fg-muted">{stepOrder.indexOf(view.step) + 1}.</span>
            {title}
          </h2>
          <StatusBadge status={view.status} {...(statusLabel ? { label: statusLabel } : {})} />
        </div>
        <p className="text-xs text-fg-muted">{stepAgents[view.step]}</p>
      </div>

      {active ? (
        <div className="flex flex-col gap-1">
          <progress
            className="h-1.5 w-full"
            max={100}
            {...(view.percent !== undefined ? { value: view.percent } : {})}
            aria-label={`${title} progress`}
          />
          <p className="truncate text-xs text-fg-muted">
            {view.progressMessage ?? (view.status === "queued" ? "Waiting for a worker…" : "Working…")}
          </p>
        </div>
      ) : null}

      {view.error ? (
        <p className="rounded-md border border-danger/30 bg-danger-soft px-2 py-1.5 text-xs text-fg">
          <span className="font-medium text-danger">Failed: </span>
          {view.error.message} <code className="font-mono text-fg-muted">({view.error.code})</code>
        </p>
      ) : null}
      {view.stale && !active ? (
        <p className="text-xs text-warning">An upstream document changed after this step ran.</p>
      ) : null}

      {/* A run that just succeeded has documents the page has not fetched yet: "No documents yet"
          beside "Succeeded" would be wrong for the second or so until they arrive. */}
      {view.activeVersion !== null ? (
        <p className="text-xs text-fg-muted">
          Active version <span className="font-medium text-fg">v{view.activeVersion}</span>
        </p>
      ) : view.documentsArriving ? null : (
        <p className="text-xs text-fg-muted">No documents yet</p>
      )}
      {!documents?.length &&
      (view.documentsArriving || (view.activeVersion !== null && documentsFetching)) ? (
        <p className="flex items-center gap-1.5 text-xs text-fg-muted">
          <Spinner className="size-3" />
          Loading the documents…
        </p>
      ) : null}

      {documents && documents.length > 0 ? (
        <ul className="flex flex-col gap-0.5 text-sm" aria-label={`Documents of the ${title} step`}>
          {mainDocumentsFirst(documents)
            .slice(0, shownDocuments)
            .map((doc) => (
              <li key={doc.id} className="flex min-w-0 items-center gap-1.5">
                <Link className="truncate" to={`/projects/${projectId}/documents/${doc.id}`}>
                  {doc.path}
                </Link>
                <span className="shrink-0 text-xs text-fg-muted">v{doc.version}</span>
                {doc.stale ? <StatusBadge status="stale" /> : null}
              </li>
            ))}
          {documents.length > shownDocuments ? (
            <li>
              <Link className="text-xs" to={`/projects/${projectId}/documents`}>
                and {documents.length - shownDocuments} more
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}

      {view.lastExecution ? (
        <section aria-label={`Last run of the ${title} step`}>
          <h3 className="mb-1 text-xs font-medium text-fg-muted">Last run</h3>
          <ExecutionFacts execution={view.lastExecution} />
        </section>
      ) : null}

      {cancel.error ? <ErrorState error={cancel.error} title="Could not cancel the run" /> : null}

      {/* The footer sits at the card's foot, the reason a run must wait on its own line above the
          buttons: beside them a longer step name ("Architecture") wraps, and that card's buttons
          would no longer line up with the others'. */}
      <div className="mt-auto flex flex-col gap-2">
        {canRun && view.blockedBy ? (
          <p id={`${headingId}-blocked`} className="text-xs text-fg-muted">
            Needs the {stepTitles[view.blockedBy]} step first
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          {/* One slot for both buttons: React keeps the one <button>, so the keyboard focus stays on
              it as Run becomes Cancel run and then Re-run, instead of falling to <body>. */}
          {!canRun ? null : active ? (
            <Button
              size="sm"
              variant="danger"
              loading={cancel.isPending}
              onClick={() => cancel.mutate({ executionId: view.activeExecutionId ?? "" })}
            >
              Cancel run
            </Button>
          ) : (
            <Button
              size="sm"
              variant={ran ? "secondary" : "primary"}
              disabled={view.blockedBy !== undefined}
              onClick={onRun}
              aria-describedby={view.blockedBy ? `${headingId}-blocked` : undefined}
            >
              {view.needsIdea ? "Start with the idea" : ran ? "Re-run" : "Run"}
            </Button>
          )}
        </div>
      </div>
      <RunHistory projectId={projectId} step={view.step} />
    </Card>
  );
}
