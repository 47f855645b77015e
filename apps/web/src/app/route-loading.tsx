import { Spinner } from "../ui/spinner.tsx";

/** Shown while the first route module of the session downloads. */
export function RouteLoading() {
  return (
    <div className="flex min-h-screen items-center justify-center text-fg-muted">
      <Spinner label="Loading JEEX Plan" />
    </div>
  );
}
