import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, type Operation, type TRPCLink } from "@trpc/client";
import { type Observer, observable } from "@trpc/server/observable";
import type { ReactNode } from "react";
import type { AppRouter } from "../../../lib/trpc.ts";
import { TRPCQueryProviders } from "../../../lib/trpc-providers.tsx";

/** One call the page made, and the observer to answer it with (`next`, `error`, `complete`). */
export interface FakeCall {
  op: Operation;
  // biome-ignore lint/suspicious/noExplicitAny: a test double answers any procedure's envelope
  observer: Observer<any, any>;
}

/**
 * A tRPC client whose terminating link hands every operation to the test: queries and
 * mutations are answered by `answer(path, input)`, subscriptions are kept in `subscriptions`
 * for the test to drive event by event.
 */
export function createFakeTrpc(answer: (path: string, input: unknown) => unknown = () => null) {
  const subscriptions: FakeCall[] = [];
  const calls: Operation[] = [];
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        calls.push(op);
        if (op.type === "subscription") {
          subscriptions.push({ op, observer });
          return () => {};
        }
        Promise.resolve()
          .then(() => answer(op.path, op.input))
          .then(
            (data) => {
              observer.next({ result: { type: "data", data } });
              observer.complete();
            },
            (error: unknown) => observer.error(error as never),
          );
        return () => {};
      });
  const client = createTRPCClient<AppRouter>({ links: [link] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <TRPCQueryProviders queryClient={queryClient} trpcClient={client}>
        {children}
      </TRPCQueryProviders>
    );
  }
  return { Wrapper, subscriptions, calls, queryClient };
}
