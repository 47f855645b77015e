import { AlertCircle } from "lucide-react";
import { describeError, retryCannotHelp } from "../lib/trpc-error.ts";
import { Button } from "./button.tsx";

export interface ErrorStateProps {
  /** Any thrown value; a tRPC error contributes the server's message and request id. */
  error: unknown;
  /** What failed, in the person's words: "Could not load the projects". */
  title?: string;
  /** Offers "Try again" (e.g. the query's `refetch`), unless the server's answer could not change. */
  onRetry?: () => void;
}

export function ErrorState({ error, title = "Something went wrong", onRetry }: ErrorStateProps) {
  const { message, requestId } = describeError(error);
  const retry = onRetry && !retryCannotHelp(error) ? onRetry : undefined;
  return (
    <div role="alert" className="flex gap-3 rounded-lg border border-danger/30 bg-danger-soft p-4 text-sm">
      <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-danger" />
      <div className="flex min-w-0 flex-col gap-1">
        <p className="font-medium text-fg">{title}</p>
        <p className="break-words text-fg">{message}</p>
        {requestId ? (
          <p className="text-xs text-fg-muted">
            Request id <code className="select-all font-mono">{requestId}</code>
          </p>
        ) : null}
        {retry ? (
          <div className="mt-2">
            <Button size="sm" onClick={retry}>
              Try again
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
