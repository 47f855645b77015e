import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { httpStatusOf, isUnauthenticated, retryAfterSecondsOf } from "../lib/trpc-error.ts";

const maxRetries = 3;
// Waits up to this long are sat out behind the page's spinner; a longer one shows the refusal,
// which says when to come back.
const maxRetryAfterSeconds = 30;

/** A 429 the server says will pass soon enough to wait for: its wait in seconds. */
function shortRateLimitWait(error: unknown): number | undefined {
  if (httpStatusOf(error) !== 429) return undefined;
  const seconds = retryAfterSecondsOf(error);
  return seconds !== undefined && seconds <= maxRetryAfterSeconds ? seconds : undefined;
}

/**
 * Retries only what can succeed on a second try: a dropped connection (no status), a server
 * that said "unavailable, retry" (502/503/504), or a rate limit that lifts within seconds (429
 * with a short `retryAfterSeconds`: a quick walk through the pages passed 100 calls a minute
 * and the workflow turned into "rate limit exceeded … retry in 23s"). Any other 4xx is the
 * caller's mistake and a 500 a bug: repeating them only delays the error view.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= maxRetries) return false;
  const status = httpStatusOf(error);
  if (status === 429) return shortRateLimitWait(error) !== undefined;
  return status === undefined || status === 502 || status === 503 || status === 504;
}

/** The server's wait for a rate limit; otherwise TanStack Query's backoff (2 s, 4 s, … 30 s). */
export function retryDelay(failureCount: number, error: unknown): number {
  const wait = shortRateLimitWait(error);
  return wait !== undefined ? wait * 1000 : Math.min(1000 * 2 ** failureCount, 30_000);
}

export interface QueryClientOptions {
  /** Called once per failed request that the server refused for lack of a session. */
  onUnauthenticated: () => void;
}

export function createQueryClient({ onUnauthenticated }: QueryClientOptions): QueryClient {
  const onError = (error: unknown) => {
    if (isUnauthenticated(error)) onUnauthenticated();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay,
        staleTime: 15_000,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
