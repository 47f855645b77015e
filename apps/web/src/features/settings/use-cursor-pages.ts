import { type QueryKey, useInfiniteQuery } from "@tanstack/react-query";

interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/**
 * A cursor-paginated list a page at a time. `queryKey` is the procedure's tRPC key (so its
 * `pathFilter()` invalidates it); `fetchPage` calls the procedure with `input`: `{}` for the
 * first page, `{ cursor }` after (the strict list contracts refuse an undefined cursor key).
 */
export function useCursorPages<Item>(
  queryKey: QueryKey,
  fetchPage: (input: { cursor?: string }, signal: AbortSignal) => Promise<Page<Item>>,
  options: { enabled?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam ? { cursor: pageParam } : {}, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: options.enabled ?? true,
  });
  return { query, items: query.data?.pages.flatMap((page) => page.items) ?? [] };
}
