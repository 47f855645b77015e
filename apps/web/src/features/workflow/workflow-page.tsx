import type { DocumentSummary } from "@jeex/contracts/documents";
import type { Step } from "@jeex/contracts/steps";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { QueryBoundary } from "../../ui/query-boundary.tsx";
import { roleAtLeast, useActiveRole } from "../auth/use-active-role.ts";
import { projectIsMissing } from "../projects/project-id.ts";
import { ConnectionIndicator } from "./connection-indicator.tsx";
import { IdeaFormDialog } from "./idea-form-dialog.tsx";
import { LiveAnnouncer } from "./live-announcer.tsx";
import { ProjectNotFound } from "./project-not-found.tsx";
import { QualityReportPanel } from "./quality-report-panel.tsx";
import { RerunDialog } from "./rerun-dialog.tsx";
import { StepCard } from "./step-card.tsx";
import { deriveStepView } from "./step-view.ts";
import { useLiveProject } from "./use-live-project.ts";

export function WorkflowPage() {
  const { projectId = "" } = useParams();
  // A new project is a new stream and new live state.
  return <ProjectWorkflow key={projectId} projectId={projectId} />;
}

type OpenDialog = { kind: "idea" } | { kind: "run"; step: Step; firstRun: boolean } | undefined;

function ProjectWorkflow({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const status = useQuery(trpc.workflow.status.queryOptions({ projectId }));
  const documents = useQuery(trpc.documents.list.queryOptions({ projectId, limit: 100 }));
  const role = useActiveRole();
  const canRun = roleAtLeast(role, "editor");
  const { live, connection, error, announcements } = useLiveProject(projectId);
  const [dialog, setDialog] = useState<OpenDialog>(undefined);

  const documentsByStep = new Map<Step, DocumentSummary[]>();
  for (const doc of documents.data?.items ?? []) {
    documentsByStep.set(doc.step, [...(documentsByStep.get(doc.step) ?? []), doc]);
  }

  // Gone for good: no workflow to show, no report, no stream state, nothing a retry could bring.
  if (projectIsMissing(project.error) || projectIsMissing(status.error)) return <ProjectNotFound />;

  return (
    <>
      <PageHeader
        title={project.data?.name ?? "Workflow"}
        description={
          <span className="inline-flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>The four steps, each building on the active documents of the steps before it.</span>
            <ConnectionIndicator state={connection} error={error} />
          </span>
        }
      />
      <LiveAnnouncer messages={announcements} />
      <QueryBoundary
        query={status}
        loadingLabel="Loading the workflow"
        errorTitle="Could not load the workflow"
      >
        {(workflow) => (
          <ol className="grid gap-4 md:grid-cols-2 xl:grid-cols-4" aria-label="Workflow steps">
            {workflow.steps.map((step, index) => {
              const view = deriveStepView(step, live.runs[step.step], workflow.steps[index - 1]);
              return (
                <li key={step.step} className="flex min-w-0">
                  <StepCard
                    projectId={projectId}
                    view={view}
                    canRun={canRun}
                    documents={documentsByStep.get(step.step)}
                    documentsFetching={documents.isFetching}
                    onRun={() =>
                      setDialog(
                        view.needsIdea
                          ? { kind: "idea" }
                          : { kind: "run", step: step.step, firstRun: !view.ranBefore },
                      )
                    }
                  />
                </li>
              );
            })}
          </ol>
        )}
      </QueryBoundary>
      {/* Without the workflow (a missing project, no access) the report would only say it again. */}
      {status.isError ? null : (
        <QualityReportPanel
          projectId={projectId}
          activeVersions={(documents.data?.items ?? []).map((doc) => doc.versionId).join(",")}
        />
      )}
      {dialog?.kind === "idea" ? (
        <IdeaFormDialog
          projectId={projectId}
          open
          onOpenChange={(open) => (open ? null : setDialog(undefined))}
        />
      ) : null}
      {dialog?.kind === "run" ? (
        <RerunDialog
          projectId={projectId}
          step={dialog.step}
          firstRun={dialog.firstRun}
          open
          onOpenChange={(open) => (open ? null : setDialog(undefined))}
        />
      ) : null}
    </>
  );
}
