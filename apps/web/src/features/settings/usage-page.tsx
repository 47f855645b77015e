import { useQuery } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Link, useSearchParams } from "react-router";
import { type RouterOutputs, useTRPC } from "../../lib/trpc.ts";
import { buttonClasses } from "../../ui/button.tsx";
import { Card } from "../../ui/card.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { QueryBoundary } from "../../ui/query-boundary.tsx";
import { budgetSegments, currentMonth, parseMonth, shiftMonth } from "./usage-math.ts";

type Usage = RouterOutputs["usage"]["get"];
const numberFormat = new Intl.NumberFormat();
const usdFormat = new Intl.NumberFormat(undefined, {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 4,
});

function monthTitle(month: string): string {
  const [year = 0, monthNumber = 1] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, monthNumber - 1, 1)),
  );
}

/** The tenant's model usage and token budget for a month (`?month=YYYY-MM`, default this one). */
export function UsagePage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const requested = parseMonth(params.get("month"));
  const month = requested ?? currentMonth();
  const usage = useQuery(trpc.usage.get.queryOptions(requested ? { period: requested } : {}));
  const isCurrent = month === currentMonth();

  return (
    // No gap around the header: it brings its own space under it (a gap doubled it).
    <>
      <PageHeader
        title="Usage"
        description="Tokens used by this tenant's model calls, against the monthly budget."
        actions={
          <nav aria-label="Month" className="flex items-center gap-1">
            <Link to={`?month=${shiftMonth(month, -1)}`} className={buttonClasses("secondary", "sm")}>
              <ChevronLeft aria-hidden="true" className="size-4" />
              <span className="sr-only">Previous month</span>
            </Link>
            <span className="min-w-32 text-center text-sm font-medium text-fg">{monthTitle(month)}</span>
            {isCurrent ? null : (
              <Link to={`?month=${shiftMonth(month, 1)}`} className={buttonClasses("secondary", "sm")}>
                <ChevronRight aria-hidden="true" className="size-4" />
                <span className="sr-only">Next month</span>
              </Link>
            )}
          </nav>
        }
      />
      <QueryBoundary query={usage} loadingLabel="Loading usage" errorTitle="The usage could not be loaded">
        {(data) => <UsageView usage={data} showBudget={isCurrent} />}
      </QueryBoundary>
    </>
  );
}

function UsageView({ usage, showBudget }: { usage: Usage; showBudget: boolean }) {
  const { budget, tenant } = usage;
  const segments = budgetSegments(budget);
  const inOut = Math.max(tenant.tokensIn + tenant.tokensOut, 1);
  return (
    <div className="flex flex-col gap-4">
      {showBudget ? (
        <Card className="flex flex-col gap-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-base font-semibold text-fg">Monthly budget</h2>
            <p className="text-sm text-fg-muted">
              {numberFormat.format(budget.remaining)} of {numberFormat.format(budget.monthlyTokens)} tokens
              left
            </p>
          </div>
          <svg
            role="img"
            aria-label={`Budget: ${Math.round(segments.spent)}% spent, ${Math.round(segments.reserved)}% reserved by running steps, ${Math.round(segments.remaining)}% left`}
            viewBox="0 0 100 4"
            preserveAspectRatio="none"
            className="h-3 w-full overflow-hidden rounded-full"
          >
            <rect x="0" y="0" width="100" height="4" className="fill-surface-muted" />
            <rect
              x="0"
              y="0"
              width={segments.spent}
              height="4"
              className={segments.over ? "fill-danger" : "fill-accent"}
            />
            <rect x={segments.spent} y="0" width={segments.reserved} height="4" className="fill-warning" />
          </svg>
          <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
            <Legend swatch={segments.over ? "bg-danger" : "bg-accent"} term="Spent" value={budget.spent} />
            <Legend swatch="bg-warning" term="Reserved by running steps" value={budget.reserved} />
            <Legend swatch="bg-surface-muted border border-border" term="Left" value={budget.remaining} />
          </dl>
          {segments.over ? (
            <p role="alert" className="text-sm text-danger">
              Over budget: new runs are refused until next month or a larger budget.
            </p>
          ) : null}
        </Card>
      ) : null}
      <Card className="flex flex-col gap-3">
        <h2 className="text-base font-semibold text-fg">Model calls</h2>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <Stat term="Tokens" value={numberFormat.format(tenant.tokens)} />
          {/* Step runs, the template provider's offline ones among them: not only calls to a model. */}
          <Stat term="Runs" value={numberFormat.format(tenant.executions)} />
          <Stat term="Cost" value={usdFormat.format(tenant.costUsd)} />
          {/* Worded as the month picker above says it ("December 2026"), not as the API's "2026-12". */}
          <Stat term="Month" value={monthTitle(usage.period)} />
        </dl>
        <div className="flex flex-col gap-1.5">
          <h3 className="text-xs font-medium text-fg-muted">Tokens in and out</h3>
          <Bar
            label="Prompt (in)"
            value={tenant.tokensIn}
            share={tenant.tokensIn / inOut}
            className="bg-info"
          />
          <Bar
            label="Answer (out)"
            value={tenant.tokensOut}
            share={tenant.tokensOut / inOut}
            className="bg-success"
          />
        </div>
      </Card>
    </div>
  );
}

function Legend({ swatch, term, value }: { swatch: string; term: string; value: number }) {
  return (
    <div className="flex items-center gap-2">
      <span aria-hidden="true" className={`size-2.5 shrink-0 rounded-sm ${swatch}`} />
      <dt className="text-fg-muted">{term}</dt>
      <dd className="ml-auto font-medium tabular-nums text-fg sm:ml-0">{numberFormat.format(value)}</dd>
    </div>
  );
}

function Stat({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-fg-muted">{term}</dt>
      <dd className="text-lg font-semibold tabular-nums text-fg">{value}</dd>
    </div>
  );
}

function Bar({
  label,
  value,
  share,
  className,
}: {
  label: string;
  value: number;
  share: number;
  className: string;
}) {
  return (
    <div className="grid grid-cols-[7rem_1fr_5rem] items-center gap-2 text-xs">
      <span className="text-fg-muted">{label}</span>
      <div className="h-2 overflow-hidden rounded-full bg-surface-muted">
        <div className={`h-full ${className}`} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <span className="text-right tabular-nums text-fg">{numberFormat.format(value)}</span>
    </div>
  );
}
