import { Link } from "react-router";
import { EmptyState } from "../ui/empty-state.tsx";

export function NotFoundPage() {
  return (
    <EmptyState
      title="Page not found"
      description="The link may be old, or the page was moved."
      action={<Link to="/projects">Go to projects</Link>}
    />
  );
}
