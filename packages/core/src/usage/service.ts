import type { GetUsageInput, Usage } from "@jeex/contracts/usage";
import type { ProjectRepository, UsageRepository, UsageTotals } from "@jeex/db/repositories";
import { QuotaExceededError } from "../errors.ts";
import { assertProjectExists } from "../projects/service.ts";

export interface BudgetContext {
  usage: UsageRepository;
  /** The tenant's monthly token budget (its own setting or the server default). */
  monthlyTokenBudget(): Promise<number>;
}

export interface UsageContext extends BudgetContext {
  projects: ProjectRepository;
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

/** This month's budget: tokens spent by recorded model calls, and held by live runs. */
export async function budgetStanding(ctx: BudgetContext) {
  const month = monthOf(new Date());
  const [totals, reserved, monthlyTokens] = await Promise.all([
    ctx.usage.totals({ from: month.start, to: month.end }),
    ctx.usage.reservedTokens(),
    ctx.monthlyTokenBudget(),
  ]);
  const spent = totals.tokensIn + totals.tokensOut;
  return { monthlyTokens, spent, reserved, remaining: Math.max(0, monthlyTokens - spent - reserved) };
}

export async function getUsage(ctx: UsageContext, input: GetUsageInput): Promise<Usage> {
  const month = monthOf(input.period ?? new Date());
  if (input.projectId) await assertProjectExists(ctx.projects, input.projectId);
  const [tenant, project, reserved, monthlyTokens] = await Promise.all([
    ctx.usage.totals({ from: month.start, to: month.end }),
    input.projectId
      ? ctx.usage.totals({ from: month.start, to: month.end, projectId: input.projectId })
      : undefined,
    ctx.usage.reservedTokens(),
    ctx.monthlyTokenBudget(),
  ]);
  const spent = tenant.tokensIn + tenant.tokensOut;
  return {
    period: month.label,
    tenant: withTotal(tenant),
    project: project ? withTotal(project) : null,
    budget: {
      monthlyTokens,
      // `used` is the older name of `spent`, kept for callers that read it.
      used: spent,
      spent,
      reserved,
      remaining: Math.max(0, monthlyTokens - spent - reserved),
    },
  };
}

/**
 * Reserves a run's tokens against this month's budget, inside the transaction that records the
 * queued run; the reservation is released when the run ends (only live runs hold one), and what
 * it spent is recorded in usage. The budget lock makes check-and-reserve atomic: of N runs queued
 * at once against a budget that fits one, one is accepted. Returns the tokens reserved, which are
 * also the run's allowance (never more than the whole budget).
 */
export async function reserveRunTokens(ctx: BudgetContext, perRun: number): Promise<number> {
  await ctx.usage.lockBudget();
  const standing = await budgetStanding(ctx);
  const refusal = reservationRefusal(standing, perRun);
  if (refusal) throw new QuotaExceededError(refusal);
  return Math.min(perRun, standing.monthlyTokens);
}

export type BudgetStanding = Awaited<ReturnType<typeof budgetStanding>>;

/** Why a run's reservation does not fit the budget now, or undefined when it does. */
export function reservationRefusal(standing: BudgetStanding, perRun: number): string | undefined {
  const { monthlyTokens, spent, reserved } = standing;
  const reservation = Math.min(perRun, monthlyTokens);
  if (spent + reserved < monthlyTokens && spent + reserved + reservation <= monthlyTokens) return undefined;
  if (monthlyTokens === 0)
    return "this tenant's monthly token budget is 0: no step can run until it is raised";
  return `this tenant spent ${spent} and has ${reserved} reserved by running steps, of its ${monthlyTokens} tokens this month; a run reserves ${reservation}`;
}
