import { useParams } from "react-router";
import { PlaceholderPage } from "../../app/placeholder-page.tsx";

export function WorkflowPage() {
  const { projectId } = useParams();
  return (
    <PlaceholderPage
      title="Workflow"
      description={`The four steps of project ${projectId} as a pipeline, with live progress.`}
    />
  );
}
