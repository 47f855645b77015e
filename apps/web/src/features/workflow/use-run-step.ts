import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";
import { useSubmissionKey } from "../../lib/use-submission-key.ts";

/** `workflow.runStep` with an idempotency key per submission; refreshes the step once accepted. */
export function useRunStep(onAccepted: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { withKey, accepted } = useSubmissionKey();
  const mutation = useMutation(
    trpc.workflow.runStep.mutationOptions({
      onSuccess: async (_run, variables) => {
        accepted(variables.idempotencyKey);
        onAccepted();
        await queryClient.invalidateQueries(trpc.workflow.pathFilter());
      },
    }),
  );
  return { mutation, withKey };
}
