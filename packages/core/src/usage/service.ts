import type { GetUsageInput, Usage } from "@jeex/contracts/usage";
import type { ProjectRepository } from "@jeex/db/repositories/projects";
import type { UsageRepository, UsageTotals } from "@jeex/db/repositories/usage";
import { QuotaExceededError } from "../errors.ts";
import { assertProjectExists } from "../workflow/executions.ts";

export interface UsageContext {
  usage: UsageRepository;
  projects: ProjectRepository;
  /** The tenant's monthly token budget (its own setting or the server default). */
  monthlyTokenBudget(): Promise<number>;
}

/** The calendar month (UTC) containing `date`, or the one named `YYYY-MM`. */
export function monthOf(period: string | Date) {
  const start =
    typeof period === "string"
      ? new Date(`${period}-01T00:00:00.000Z`)
      : new Date(Date.UTC(period.getUTCFullYear(), period.getUTCMonth(), 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return { start, end, label: start.toISOString().slice(0, 7) };
}

const withTotal = (totals: UsageTotals) => ({ ...totals, tokens: totals.tokensIn + totals.tokensOut });

export async function getUsage(ctx: UsageContext, input: GetUsageInput): Promise<Usage> {
  const month = monthOf(input.period ?? new Date());
  if (input.projectId) await assertProjectExists(ctx.projects, input.projectId);
  const [tenant, project, budget] = await Promise.all([
    ctx.usage.totals({ from: month.start, to: month.end }),
    input.projectId
      ? ctx.usage.totals({ from: month.start, to: month.end, projectId: input.projectId })
      : undefined,
    ctx.monthlyTokenBudget(),
  ]);
  const used = tenant.tokensIn + tenant.tokensOut;
  return {
    period: month.label,
    tenant: withTotal(tenant),
    project: project ? withTotal(project) : null,
    budget: { monthlyTokens: budget, used, remaining: Math.max(0, budget - used) },
  };
}

/** Refuses a new run when this month's tokens already reached the tenant's budget. */
export async function assertWithinBudget(ctx: Omit<UsageContext, "projects">): Promise<void> {
  const month = monthOf(new Date());
  const [totals, budget] = await Promise.all([
    ctx.usage.totals({ from: month.start, to: month.end }),
    ctx.monthlyTokenBudget(),
  ]);
  const used = totals.tokensIn + totals.tokensOut;
  if (used >= budget) {
    throw new QuotaExceededError(
      `this tenant used ${used} of its ${budget} tokens this month; runs resume next month`,
    );
  }
}
