import { FileX } from "lucide-react";
import { Link } from "react-router";
import { describeError, isNotFound } from "../../lib/trpc-error.ts";
import { EmptyState } from "../../ui/empty-state.tsx";
import { PageHeader } from "../../ui/page-header.tsx";

/**
 * The document (or version) a link names is not there: gone, never existed, or its id is
 * malformed (the server refuses that input with a documentId or versionId issue). To the person
 * all three are one broken link.
 */
export function documentIsMissing(error: unknown): boolean {
  if (isNotFound(error)) return true;
  return describeError(error).issues.some(
    (issue) => issue.path === "documentId" || issue.path === "versionId",
  );
}

/**
 * A document link whose document (or version) is gone: one plain message and the way back to
 * the pack, as a gone project gets, not a red "Could not load" with the server's words to retry.
 */
export function DocumentNotFound({ projectId }: { projectId: string }) {
  return (
    <>
      <PageHeader title="Document not found" />
      <EmptyState
        icon={FileX}
        title="This document does not exist or was deleted"
        description="The link may be old, or the version it names is not one of this document's."
        action={<Link to={`/projects/${projectId}/documents`}>Back to the documents</Link>}
      />
    </>
  );
}
