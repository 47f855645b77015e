import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { getActiveTenantId } from "../lib/active-tenant.ts";
import { csrfHeader } from "../lib/csrf-header.ts";
import type { AppRouter } from "../lib/trpc.ts";

// Same origin in both `pnpm start` and `pnpm dev` (Vite proxies /trpc), so the session cookie
// travels with every request and no CORS is involved.
const url = "/trpc";

/** Headers of every query and mutation (exported for its test). */
export function requestHeaders(): Record<string, string> {
  const tenantId = getActiveTenantId();
  // The CSRF header forces a preflight for cross-site callers; the server requires it on
  // cookie-authenticated mutations. Sending it on queries too keeps one rule.
  return tenantId ? { [csrfHeader]: "1", "x-tenant-id": tenantId } : { [csrfHeader]: "1" };
}

export function createBrowserTRPCClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        // EventSource cannot send headers: the cookie authenticates, and the tenant travels as a
        // connection parameter. On reconnect the link resends the last tracked id (resume).
        true: httpSubscriptionLink({
          url,
          connectionParams: () => {
            const tenantId = getActiveTenantId();
            return tenantId ? { tenantId } : {};
          },
        }),
        false: httpBatchLink({
          url,
          // The server refuses batches over TRPC_MAX_BATCH_SIZE (default 20).
          maxItems: 20,
          headers: requestHeaders,
          fetch: (input, init) => fetch(input, { ...init, credentials: "same-origin" }),
        }),
      }),
    ],
  });
}
