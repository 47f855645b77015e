const numberFormat = new Intl.NumberFormat("en");
const costFormat = new Intl.NumberFormat("en", {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 4,
});
const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export const formatTokens = (tokensIn: number, tokensOut: number) =>
  `${numberFormat.format(tokensIn)} in · ${numberFormat.format(tokensOut)} out`;

export const formatCost = (usd: number) => costFormat.format(usd);

export const formatTime = (iso: string) => timeFormat.format(new Date(iso));

/** How long a run took, "–" while it has not finished. */
export function formatDuration(startedAt: string | null, finishedAt: string | null): string {
  if (!startedAt || !finishedAt) return "–";
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  if (ms < 1_000) return `${ms} ms`;
  const seconds = ms / 1_000;
  return seconds < 60
    ? `${seconds.toFixed(1)} s`
    : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
