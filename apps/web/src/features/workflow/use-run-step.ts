import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";
import { useIdempotencyKey } from "./use-idempotency-key.ts";

/** `workflow.runStep` with an idempotency key per submission; refreshes the step once accepted. */
export function useRunStep(onAccepted: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const mutation = useMutation(
    trpc.workflow.runStep.mutationOptions({
      onSuccess: async () => {
        renewKey();
        onAccepted();
        await queryClient.invalidateQueries(trpc.workflow.pathFilter());
      },
    }),
  );
  return { mutation, idempotencyKey };
}
