import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";

/**
 * The document's writes. Each one can change what is stale across the pack and in the workflow,
 * so every success refreshes both.
 */
export function useDocumentMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.documents.pathFilter()),
      queryClient.invalidateQueries(trpc.workflow.pathFilter()),
    ]);
  return {
    saveEdit: useMutation(trpc.documents.saveEdit.mutationOptions({ onSuccess: refresh })),
    activate: useMutation(trpc.documents.activate.mutationOptions({ onSuccess: refresh })),
    confirm: useMutation(trpc.documents.confirm.mutationOptions({ onSuccess: refresh })),
    resolveMerge: useMutation(trpc.documents.resolveMerge.mutationOptions({ onSuccess: refresh })),
    /** The active version now, read fresh from the server (after a CONFLICT: the one saved first). */
    fetchActive: async (documentId: string) => {
      await queryClient.invalidateQueries(trpc.documents.pathFilter());
      return queryClient.fetchQuery({ ...trpc.documents.get.queryOptions({ documentId }), staleTime: 0 });
    },
  };
}
