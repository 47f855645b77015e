import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ComponentProps, ReactNode } from "react";
import { TRPCProvider } from "./trpc.ts";

export interface TRPCQueryProvidersProps {
  queryClient: QueryClient;
  trpcClient: ComponentProps<typeof TRPCProvider>["trpcClient"];
  children: ReactNode;
}

/** The query cache and the tRPC client, as the page and the tests' doubles both provide them. */
export function TRPCQueryProviders({ queryClient, trpcClient, children }: TRPCQueryProvidersProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
