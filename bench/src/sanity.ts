import type { ReadyMessage } from "./protocol.ts";

/**
 * One request to each target before loading them: both must answer 200 with the same page size,
 * otherwise the comparison would be between different work (or between error pages).
 */
export async function checkTargetsAgree(ready: ReadyMessage, headers: Record<string, string>) {
  const trpc = await fetchJson(ready.trpcUrl, headers);
  const bare = await fetchJson(ready.bareUrl, {});
  const trpcItems = itemsOf((trpc as { result?: { data?: unknown } }).result?.data);
  const bareItems = itemsOf(bare);
  if (trpcItems === undefined || trpcItems !== bareItems) {
    throw new Error(`targets disagree: tRPC returned ${trpcItems} items, bare returned ${bareItems}`);
  }
  return { items_per_page: trpcItems };
}

async function fetchJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers });
  const body = await response.text();
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}: ${body.slice(0, 500)}`);
  return JSON.parse(body);
}

function itemsOf(page: unknown): number | undefined {
  const items = (page as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? items.length : undefined;
}
