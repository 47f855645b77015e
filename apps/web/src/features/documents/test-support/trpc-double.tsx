import {
  activateInputSchema,
  confirmDocumentInputSchema,
  diffInputSchema,
  getDocumentInputSchema,
  listDocumentsInputSchema,
  listVersionsInputSchema,
  resolveMergeInputSchema,
  saveEditInputSchema,
} from "@jeex/contracts/documents";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { ReactNode } from "react";
import type { AppRouter } from "../../../lib/trpc.ts";
import { TRPCQueryProviders } from "../../../lib/trpc-providers.tsx";

/** Procedure path → what it answers (a function of the input, or a value); a thrown error is the call's error. */
export type Answers = Record<string, unknown | ((input: unknown) => unknown)>;

/**
 * The documents procedures' real input contracts: a call the server would refuse (a 400) fails
 * here too, instead of being answered from the table.
 */
const contracts: Record<string, { safeParse(input: unknown): { success: boolean; error?: Error } }> = {
  "documents.list": listDocumentsInputSchema,
  "documents.versions": listVersionsInputSchema,
  "documents.get": getDocumentInputSchema,
  "documents.diff": diffInputSchema,
  "documents.saveEdit": saveEditInputSchema,
  "documents.activate": activateInputSchema,
  "documents.confirm": confirmDocumentInputSchema,
  "documents.resolveMerge": resolveMergeInputSchema,
};

/** A tRPC link that answers from a table: the components under test talk tRPC as in the app. */
function answeringLink(answers: Answers, calls: { path: string; input: unknown }[]): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        Promise.resolve()
          .then(() => {
            const contract = contracts[op.path];
            if (contract) {
              const parsed = contract.safeParse(op.input);
              if (!parsed.success) throw new Error(`${op.path}: input refused: ${parsed.error?.message}`);
            }
            if (!(op.path in answers)) throw new Error(`no answer for ${op.path}`);
            const answer = answers[op.path];
            return typeof answer === "function" ? answer(op.input) : answer;
          })
          .then(
            (data) => {
              observer.next({ result: { type: "data", data } });
              observer.complete();
            },
            (error: unknown) => observer.error(TRPCClientError.from(error as Error)),
          );
      });
}

/** A CONFLICT as the server sends it. */
export function conflictError(message = "the document changed since this edit began") {
  return new TRPCClientError(message, {
    result: { error: { code: -32009, message, data: { code: "CONFLICT", httpStatus: 409 } } },
  });
}

export function trpcDouble(answers: Answers) {
  const calls: { path: string; input: unknown }[] = [];
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const trpcClient = createTRPCClient<AppRouter>({ links: [answeringLink(answers, calls)] });
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <TRPCQueryProviders queryClient={queryClient} trpcClient={trpcClient}>
        {children}
      </TRPCQueryProviders>
    );
  }
  return { Wrapper, calls, queryClient };
}
