import type { ReactNode } from "react";
import { ErrorState } from "../../ui/error-state.tsx";
import { QueryLoading } from "../../ui/query-loading.tsx";
import { LoadMore } from "./load-more.tsx";

export interface PagedListProps {
  query: {
    status: string;
    data?: unknown;
    error: unknown;
    refetch: () => Promise<unknown>;
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => Promise<unknown>;
  };
  /** The list's accessible name: "API keys". */
  label: string;
  loadingLabel: string;
  errorTitle: string;
  isEmpty: boolean;
  empty: ReactNode;
  /** The list's `<li>` rows. */
  children: ReactNode;
}

/** A paged query's list: loading, error (server message and request id), empty, or the rows and "Load more". */
export function PagedList({
  query,
  label,
  loadingLabel,
  errorTitle,
  isEmpty,
  empty,
  children,
}: PagedListProps) {
  if (query.status === "pending") {
    return <QueryLoading label={loadingLabel} />;
  }
  if (!query.data) {
    return <ErrorState error={query.error} title={errorTitle} onRetry={() => void query.refetch()} />;
  }
  if (isEmpty) return <>{empty}</>;
  return (
    <>
      <ul aria-label={label} className="divide-y divide-border rounded-lg border border-border bg-surface">
        {children}
      </ul>
      <LoadMore query={query} />
    </>
  );
}
