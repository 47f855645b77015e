import { useInfiniteQuery } from "@tanstack/react-query";
import { type RouterOutputs, useTRPC } from "../../lib/trpc.ts";

export type VersionItem = RouterOutputs["documents"]["versions"]["items"][number];

/** A document's versions, newest first, a page of 50 at a time. */
export function useDocumentVersions(documentId: string) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.documents.versions.infiniteQueryOptions(
      { documentId, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const versions: VersionItem[] = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { query, versions };
}
