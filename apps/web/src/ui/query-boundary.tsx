import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ErrorState } from "./error-state.tsx";
import { QueryLoading } from "./query-loading.tsx";

export interface QueryBoundaryProps<TData, TError> {
  /** The `useQuery` result as is (its status narrows `data`). */
  query: UseQueryResult<TData, TError>;
  /** Rendered with the data once it is there. */
  children: (data: TData) => ReactNode;
  /** Decides whether the data counts as empty (e.g. `(page) => page.items.length === 0`). */
  isEmpty?: (data: TData) => boolean;
  empty?: ReactNode;
  /** Says what is loading: "Loading projects". */
  loadingLabel?: string;
  errorTitle?: string;
}

/** Loading, error (with the server's message and request id), empty, or the data: one place for all four. */
export function QueryBoundary<TData, TError>({
  query,
  children,
  isEmpty,
  empty,
  loadingLabel = "Loading",
  errorTitle,
}: QueryBoundaryProps<TData, TError>) {
  if (query.status === "pending") {
    return <QueryLoading label={loadingLabel} />;
  }
  if (query.status === "error") {
    return <ErrorState error={query.error} title={errorTitle} onRetry={() => void query.refetch()} />;
  }
  if (empty !== undefined && isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
