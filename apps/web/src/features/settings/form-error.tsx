import { describeError } from "../../lib/trpc-error.ts";

/** A failed form's message with the request id to quote, announced when it appears. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const { message, requestId } = describeError(error);
  return (
    <p role="alert" className="text-sm text-danger">
      {message}
      {requestId ? <span className="text-fg-muted"> (request id {requestId})</span> : null}
    </p>
  );
}
