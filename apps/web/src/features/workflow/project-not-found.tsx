import { FolderX } from "lucide-react";
import { Link } from "react-router";
import { EmptyState } from "../../ui/empty-state.tsx";
import { PageHeader } from "../../ui/page-header.tsx";

/** A project page whose project is gone: one plain message and the way back, nothing to retry. */
export function ProjectNotFound() {
  return (
    <>
      <PageHeader title="Project not found" />
      <EmptyState
        icon={FolderX}
        title="This project does not exist or was deleted"
        description="The link may be old, or someone deleted the project."
        action={<Link to="/projects">Back to the projects</Link>}
      />
    </>
  );
}
