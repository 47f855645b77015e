import type { ReactNode } from "react";
import { ErrorState } from "../../ui/error-state.tsx";
import { Spinner } from "../../ui/spinner.tsx";

export interface ListStatesProps {
  query: { status: string; data?: unknown; error: unknown; refetch: () => Promise<unknown> };
  loadingLabel: string;
  errorTitle: string;
  isEmpty: boolean;
  empty: ReactNode;
  children: ReactNode;
}

/** Loading, error (server message and request id), empty or the list, for a paged query. */
export function ListStates({ query, loadingLabel, errorTitle, isEmpty, empty, children }: ListStatesProps) {
  if (query.status === "pending") {
    return (
      <div className="flex items-center gap-2 py-6 text-sm text-fg-muted">
        <Spinner label={loadingLabel} />
        <span aria-hidden="true">{loadingLabel}…</span>
      </div>
    );
  }
  if (!query.data) {
    return <ErrorState error={query.error} title={errorTitle} onRetry={() => void query.refetch()} />;
  }
  return <>{isEmpty ? empty : children}</>;
}
