import type { QueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { TRPCQueryProviders } from "../lib/trpc-providers.tsx";
import { createQueryClient } from "./query-client.ts";
import { createBrowserTRPCClient } from "./trpc-client.ts";

export interface AppProvidersProps {
  /** Where a 401 sends the person (the router's sign-in page with a `returnTo`). */
  onUnauthenticated: () => void;
  children: ReactNode;
  /** Tests pass their own client (no retries, fresh cache). */
  queryClient?: QueryClient;
}

/** One query client and one tRPC client for the life of the page. */
export function AppProviders({ onUnauthenticated, children, queryClient }: AppProvidersProps) {
  const [client] = useState(() => queryClient ?? createQueryClient({ onUnauthenticated }));
  const [trpcClient] = useState(createBrowserTRPCClient);
  return (
    <TRPCQueryProviders queryClient={client} trpcClient={trpcClient}>
      {children}
    </TRPCQueryProviders>
  );
}
