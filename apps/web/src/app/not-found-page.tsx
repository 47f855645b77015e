import { Link } from "react-router";
import { EmptyState } from "../ui/empty-state.tsx";
import { PageHeader } from "../ui/page-header.tsx";

/** An address no route knows: the page's h1 as every other page has one, and the way back. */
export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        title="There is no page at this address"
        description="The link may be old, or the page was moved."
        action={<Link to="/projects">Go to projects</Link>}
      />
    </>
  );
}
