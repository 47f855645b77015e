import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { httpStatusOf, isUnauthenticated } from "../lib/trpc-error.ts";

const maxRetries = 3;

/**
 * Retries only what can succeed on a second try: a dropped connection (no status) or a server
 * that said "unavailable, retry" (502/503/504). A 4xx is the caller's mistake and a 500 a bug:
 * repeating them only delays the error view.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= maxRetries) return false;
  const status = httpStatusOf(error);
  return status === undefined || status === 502 || status === 503 || status === 504;
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
        staleTime: 15_000,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
