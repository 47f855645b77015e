import type { AppRouter } from "@jeex/trpc/router";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { EventSource } from "eventsource";
import { idempotencyKeyLink, idempotentRetryLink, type RetryOptions } from "./idempotent-retry.ts";

export { keyedCreates, type RetryOptions } from "./idempotent-retry.ts";
export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export interface JeexClientOptions {
  /** Base URL of the API server, e.g. http://localhost:5210 (the `/trpc` mount is added). */
  url: string;
  /** Service credential, sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Active tenant (`x-tenant-id`); only honoured among the caller's memberships. */
  tenantId?: string;
  /** Extra headers per request (a function is called for every request, e.g. for trace context). */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  fetch?: typeof globalThis.fetch;
  /** How keyed creates are retried on a 503 or a lost answer (each gets an idempotency key). */
  retry?: RetryOptions;
}

export function trpcEndpoint(url: string): string {
  const base = url.replace(/\/+$/, "");
  return base.endsWith("/trpc") ? base : `${base}/trpc`;
}

export function createJeexClient(options: JeexClientOptions) {
  const fixed: Record<string, string> = {};
  if (options.apiKey) fixed.authorization = `Bearer ${options.apiKey}`;
  if (options.tenantId) fixed["x-tenant-id"] = options.tenantId;
  const headers = async () => ({
    ...(typeof options.headers === "function" ? await options.headers() : options.headers),
    ...fixed,
  });
  const url = trpcEndpoint(options.url);
  const baseFetch = options.fetch ?? globalThis.fetch;
  return createTRPCClient<AppRouter>({
    links: [
      // Each create gets its key before the retry link, so every attempt of it sends the same one.
      idempotencyKeyLink(),
      idempotentRetryLink(options.retry),
      splitLink({
        condition: (op) => op.type === "subscription",
        // Progress streams over SSE. The `eventsource` ponyfill lets Node callers send the same
        // headers (API key, tenant) that EventSource in a browser cannot; browsers use the cookie.
        // On reconnect the link resends the last tracked id, so the stream resumes without gaps.
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: async () => {
            const extra = await headers();
            return {
              fetch: (input: string | URL | Request, init?: RequestInit) =>
                baseFetch(input, {
                  ...init,
                  headers: { ...Object.fromEntries(new Headers(init?.headers)), ...extra },
                }),
            };
          },
        }),
        // The server refuses batches of more than TRPC_MAX_BATCH_SIZE calls (default 20) with a 400.
        false: httpBatchLink({ url, headers, fetch: baseFetch, maxItems: 20 }),
      }),
    ],
  });
}

export type JeexClient = ReturnType<typeof createJeexClient>;
