import { TRPCClientError } from "@trpc/client";

/** `documents.saveEdit` answers CONFLICT when another version became active after the edit began. */
export function isConflictError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data: unknown = error.data;
  return typeof data === "object" && data !== null && "code" in data && data.code === "CONFLICT";
}
