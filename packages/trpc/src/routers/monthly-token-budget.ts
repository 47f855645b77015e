import type { TenantRequestContext } from "../tenant-calls.ts";

/** The tenant's own monthly token budget, or the deployment's default when it has none. */
export const monthlyTokenBudget = (ctx: TenantRequestContext) => async () =>
  (await ctx.tenant.usage.tenantBudget()) ?? ctx.services.workflow.defaultMonthlyTokenBudget;
