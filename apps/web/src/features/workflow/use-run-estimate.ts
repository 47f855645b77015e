import type { EstimateStepInput } from "@jeex/contracts/estimate";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";
import { useDebouncedValue } from "../projects/use-debounced-value.ts";

/**
 * `workflow.estimate` for what the dialog would start, re-asked shortly after the person stops
 * typing (the idea and the feedback are part of the prompt). `null` input: nothing to estimate yet.
 */
export function useRunEstimate(input: EstimateStepInput | null) {
  const trpc = useTRPC();
  // Compared as text: the dialog builds a new input object on every render.
  const settled = useDebouncedValue(input ? JSON.stringify(input) : null, 400);
  const query = useQuery({
    ...trpc.workflow.estimate.queryOptions(settled ? (JSON.parse(settled) as EstimateStepInput) : skipToken),
    placeholderData: (previous) => previous,
  });
  const refusal = query.data?.budget.refusal ?? null;
  return { query, refusal };
}
