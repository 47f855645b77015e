import { useParams } from "react-router";
import { PlaceholderPage } from "../../app/placeholder-page.tsx";

export function DocumentPage() {
  const { documentId } = useParams();
  return (
    <PlaceholderPage
      title="Document"
      description={`Document ${documentId}: rendered with diagrams, versions, diff, edit and rollback.`}
    />
  );
}
