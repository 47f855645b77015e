import { useInfiniteQuery } from "@tanstack/react-query";
import { type RouterOutputs, useTRPC, useTRPCClient } from "../../lib/trpc.ts";

export type VersionItem = RouterOutputs["documents"]["versions"]["items"][number];

/**
 * A document's versions, newest first, 50 at a time. Not tRPC's `infiniteQueryOptions`: it adds
 * `direction` to the input, which the strict pagination contract refuses (400). The key is the
 * procedure's own, so `trpc.documents.pathFilter()` still refreshes it.
 */
export function useDocumentVersions(documentId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = { documentId, limit: 50 };
  const query = useInfiniteQuery({
    queryKey: trpc.documents.versions.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.documents.versions.query(pageParam ? { ...input, cursor: pageParam } : input, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const versions: VersionItem[] = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { query, versions };
}
