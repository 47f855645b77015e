import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { type RouterOutputs, useTRPC, useTRPCClient } from "../../lib/trpc.ts";

export type Project = RouterOutputs["projects"]["list"]["items"][number];

export const PROJECTS_PAGE_SIZE = 20;

/**
 * The tenant's projects matching `search`, a page at a time (the server's cursor). The query
 * function is ours, not `infiniteQueryOptions`': that one adds a `direction` key to the input,
 * which the strict list contract refuses. The key is tRPC's, so `trpc.projects.pathFilter()`
 * still invalidates it.
 */
export function useProjectList(search: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = { limit: PROJECTS_PAGE_SIZE, ...(search ? { search } : {}) };
  return useInfiniteQuery({
    queryKey: trpc.projects.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.projects.list.query(pageParam ? { ...input, cursor: pageParam } : input, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: (previous) => previous,
  });
}

/** After a project changes: every project query (the list pages, each project) reads again. */
export function useRefreshProjects(): () => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries(trpc.projects.pathFilter());
}

/** What a project row's dialog does once its change landed: project queries read again, the dialog closes. */
export function useRefreshAndClose(onOpenChange: (open: boolean) => void): () => void {
  const refreshProjects = useRefreshProjects();
  return () => {
    refreshProjects();
    onOpenChange(false);
  };
}
