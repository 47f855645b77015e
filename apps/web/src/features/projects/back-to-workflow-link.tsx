import { Link } from "react-router";

/** The foot of a project's secondary page (search, exports): the way back to its workflow. */
export function BackToWorkflowLink({ projectId }: { projectId: string }) {
  return (
    <p className="mt-6 text-xs text-fg-muted">
      <Link to={`/projects/${projectId}`}>Back to the workflow</Link>
    </p>
  );
}
