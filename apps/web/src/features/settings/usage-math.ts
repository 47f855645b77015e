const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` from the URL if it is one, else undefined (the server then uses the current month). */
export function parseMonth(value: string | null): string | undefined {
  return value && monthPattern.test(value) ? value : undefined;
}

export function currentMonth(now = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The month `delta` months from `month` (UTC calendar months). */
export function shiftMonth(month: string, delta: number): string {
  const [year = 0, monthNumber = 1] = month.split("-").map(Number);
  const index = year * 12 + (monthNumber - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export interface BudgetSegments {
  /** Shares of the budget bar in percent; they sum to at most 100. */
  spent: number;
  reserved: number;
  remaining: number;
  /** Spent and reserved together exceed the budget. */
  over: boolean;
}

/** How the month's budget divides into spent, held by running steps, and still free. */
export function budgetSegments(budget: {
  monthlyTokens: number;
  spent: number;
  reserved: number;
}): BudgetSegments {
  const total = Math.max(budget.monthlyTokens, 1);
  const spent = Math.min(100, (Math.max(budget.spent, 0) / total) * 100);
  const reserved = Math.min(100 - spent, (Math.max(budget.reserved, 0) / total) * 100);
  return {
    spent,
    reserved,
    remaining: Math.max(0, 100 - spent - reserved),
    over: budget.spent + budget.reserved > budget.monthlyTokens,
  };
}
