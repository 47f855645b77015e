import { getUsageInputSchema, usageSchema } from "@jeex/contracts/usage";
import { getUsage } from "@jeex/core/usage";
import { type TenantRequestContext, tenantQuery } from "../tenant-calls.ts";
import { router, viewerProcedure } from "../trpc.ts";
import { monthlyTokenBudget } from "./monthly-token-budget.ts";

/** Usage is read against the budget that applies to the tenant. */
const withBudget = (ctx: TenantRequestContext) => ({
  ...ctx.tenant,
  monthlyTokenBudget: monthlyTokenBudget(ctx),
});

export const usageRouter = router({
  get: tenantQuery(viewerProcedure, getUsageInputSchema, usageSchema, getUsage, withBudget),
});
