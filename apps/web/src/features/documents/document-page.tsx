import { useQuery } from "@tanstack/react-query";
import { useParams, useSearchParams } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { Card } from "../../ui/card.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { QueryBoundary } from "../../ui/query-boundary.tsx";
import { DocumentNotFound, documentIsMissing } from "./document-not-found.tsx";
import { DocumentTreeView } from "./document-tree-view.tsx";
import { DocumentView } from "./document-view.tsx";
import { useProjectDocuments } from "./use-project-documents.ts";

/** `/projects/:projectId/documents/:documentId[?version=…&tab=history|compare]`. */
export function DocumentPage() {
  const { projectId = "", documentId = "" } = useParams();
  const [search] = useSearchParams();
  const versionId = search.get("version") ?? undefined;
  const trpc = useTRPC();
  const document = useQuery(
    trpc.documents.get.queryOptions(versionId ? { documentId, versionId } : { documentId }),
  );
  const pack = useProjectDocuments(projectId);
  return (
    <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
      <div className="min-w-0">
        {documentIsMissing(document.error) ? (
          <DocumentNotFound projectId={projectId} />
        ) : (
          <>
            {/* The page keeps its one h1 while the document loads or fails; DocumentView brings its own. */}
            {document.data ? null : <PageHeader title="Document" />}
            <QueryBoundary
              query={document}
              loadingLabel="Loading the document"
              errorTitle="Could not load the document"
            >
              {(data) => <DocumentView key={documentId} projectId={projectId} data={data} />}
            </QueryBoundary>
          </>
        )}
      </div>
      {/* After the document in reading order, beside it on wide screens. */}
      <aside className={pack.data?.items.length === 0 ? "hidden" : "hidden lg:order-first lg:block"}>
        <Card className="sticky top-4 p-3">
          <QueryBoundary
            query={pack}
            loadingLabel="Loading documents"
            errorTitle="Could not load the documents"
          >
            {(page) => (
              <DocumentTreeView projectId={projectId} documents={page.items} currentId={documentId} />
            )}
          </QueryBoundary>
        </Card>
      </aside>
    </div>
  );
}
