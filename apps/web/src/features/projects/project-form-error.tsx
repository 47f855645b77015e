import type { DescribedError } from "../../lib/trpc-error.ts";

/** A project form's error that no field shows, with the request id to quote; announced when it appears. */
export function ProjectFormError({ error }: { error: DescribedError | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-danger">
      {error.message}
      {error.requestId ? ` (request id ${error.requestId})` : ""}
    </p>
  );
}
