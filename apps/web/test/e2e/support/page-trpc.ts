import type { Page } from "playwright-core";

export interface PageTrpcResult<T> {
  status: number;
  data: T | undefined;
  error: { message: string; data?: { code?: string; httpStatus?: number } } | undefined;
}

/**
 * A tRPC call from inside the page, as the signed-in person: their session cookie, the app's
 * CSRF header and the active tenant (the app's `x-tenant-id` store). For arranging data a spec
 * is not about, and for proving the server refuses what the UI hides.
 */
export async function trpcInPage<T = unknown>(
  page: Page,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<PageTrpcResult<T>> {
  return page.evaluate(
    async ({ path, input, kind }) => {
      const tenantId = window.localStorage.getItem("jeex.activeTenantId");
      const headers: Record<string, string> = { "x-jeex-csrf": "1", "content-type": "application/json" };
      if (tenantId) headers["x-tenant-id"] = tenantId;
      const url =
        kind === "query"
          ? `/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
          : `/trpc/${path}`;
      const response = await fetch(url, {
        method: kind === "query" ? "GET" : "POST",
        headers,
        ...(kind === "mutation" ? { body: JSON.stringify(input ?? null) } : {}),
      });
      const body = (await response.json()) as { result?: { data: unknown }; error?: unknown };
      return { status: response.status, data: body.result?.data, error: body.error } as never;
    },
    { path, input, kind },
  );
}
