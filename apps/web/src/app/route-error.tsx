import { isRouteErrorResponse, useRouteError } from "react-router";
import { ErrorState } from "../ui/error-state.tsx";
import { NotFoundPage } from "./not-found-page.tsx";

/**
 * Errors thrown while loading or rendering a route. The usual one after a deploy is a lazy chunk
 * that no longer exists: reloading fetches the new index.html and its chunks.
 */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div className="mx-auto max-w-2xl px-4 py-10">
      <ErrorState error={error} title="This page failed to load" onRetry={() => window.location.reload()} />
    </div>
  );
}
