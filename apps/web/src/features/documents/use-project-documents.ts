import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";

/** The project's active documents (a pack has a few dozen; one page of 100 holds them). */
export function useProjectDocuments(projectId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.documents.list.queryOptions({ projectId, limit: 100 }));
}
