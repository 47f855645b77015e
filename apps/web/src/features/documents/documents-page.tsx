import { FolderOpen } from "lucide-react";
import { Link, useParams } from "react-router";
import { Button } from "../../ui/button.tsx";
import { Card } from "../../ui/card.tsx";
import { EmptyState } from "../../ui/empty-state.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { QueryBoundary } from "../../ui/query-boundary.tsx";
import { DocumentTreeView } from "./document-tree-view.tsx";
import { useProjectDocuments } from "./use-project-documents.ts";

/** `/projects/:projectId/documents`: the pack as a tree, stale documents marked. */
export function DocumentsPage() {
  const projectId = useParams().projectId ?? "";
  const documents = useProjectDocuments(projectId);
  const staleCount = documents.data?.items.filter((doc) => doc.stale).length ?? 0;
  return (
    <div>
      <PageHeader
        title="Documents"
        description={
          staleCount > 0
            ? `${staleCount} stale: written before an upstream document changed. Re-run their step or confirm them.`
            : "The documentation pack: about, architecture, decisions, plans and specs."
        }
      />
      <QueryBoundary
        query={documents}
        loadingLabel="Loading documents"
        errorTitle="Could not load the documents"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <EmptyState
            icon={FolderOpen}
            title="No documents yet"
            description="Run the first step of the workflow; each step adds its documents here."
            action={
              <Button asChild variant="primary">
                <Link to={`/projects/${projectId}`}>Go to the workflow</Link>
              </Button>
            }
          />
        }
      >
        {(page) => (
          <Card className="max-w-3xl">
            <DocumentTreeView projectId={projectId} documents={page.items} />
          </Card>
        )}
      </QueryBoundary>
    </div>
  );
}
