import { getUsageInputSchema, usageSchema } from "@jeex/contracts/usage";
import { getUsage } from "@jeex/core/usage";
import { router, viewerProcedure } from "../trpc.ts";

export const usageRouter = router({
  get: viewerProcedure
    .input(getUsageInputSchema)
    .output(usageSchema)
    .query(({ ctx, input }) =>
      getUsage(
        {
          ...ctx.scope,
          monthlyTokenBudget: async () =>
            (await ctx.scope.usage.tenantBudget()) ?? ctx.services.workflow.defaultMonthlyTokenBudget,
        },
        input,
      ),
    ),
});
