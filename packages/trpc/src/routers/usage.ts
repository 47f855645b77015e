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
          ...ctx.tenant,
          monthlyTokenBudget: async () =>
            (await ctx.tenant.usage.tenantBudget()) ?? ctx.services.workflow.defaultMonthlyTokenBudget,
        },
        input,
      ),
    ),
});
