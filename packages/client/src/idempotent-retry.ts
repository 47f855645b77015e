import type { AppRouter } from "@jeex/trpc/router";
import { retryLink, type TRPCClientError, type TRPCLink } from "@trpc/client";

/**
 * The mutations that take an `idempotencyKey` (the creates, runStep and resolveMerge): the server
 * answers a repeat with the first result. Its test compares this list with the router's.
 */
export const keyedCreates: ReadonlySet<string> = new Set([
  "projects.create",
  "exports.create",
  "apiKeys.create",
  "tenants.create",
  "tenants.invitations.create",
  "workflow.runStep",
  "documents.resolveMerge",
]);

export interface RetryOptions {
  /** Tries in all, the first included (default 4). */
  attempts?: number;
  /** Delay before retry n (1-based); default 200 ms doubling, at most 3 s. */
  delayMs?: (retry: number) => number;
}

const defaultDelay = (retry: number) => Math.min(200 * 2 ** (retry - 1), 3_000);

type Input = Record<string, unknown>;
const isPlainInput = (input: unknown): input is Input =>
  typeof input === "object" && input !== null && !Array.isArray(input);

/** Gives each keyed create that lacks one a fresh key, so every retry of it carries the same one. */
export function idempotencyKeyLink(): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      if (op.type !== "mutation" || !keyedCreates.has(op.path) || !isPlainInput(op.input)) return next(op);
      if (op.input.idempotencyKey !== undefined) return next(op);
      return next({ ...op, input: { ...op.input, idempotencyKey: globalThis.crypto.randomUUID() } });
    };
}

/**
 * Worth retrying: the API said "retry" (503, e.g. a COMMIT whose answer was lost), or no answer
 * came from it at all (connection dropped or refused, a gateway's own error page): the create may
 * or may not have committed, and its key makes the retry safe either way.
 */
export function isRetriable(error: TRPCClientError<AppRouter>): boolean {
  const data = error.data as { httpStatus?: number; code?: string } | undefined;
  if (data) return data.httpStatus === 503 || data.code === "SERVICE_UNAVAILABLE";
  return true;
}

/** Retries keyed creates (only those: anything else may not be safe to repeat), with the same key. */
export function idempotentRetryLink(options: RetryOptions = {}): TRPCLink<AppRouter> {
  const attempts = options.attempts ?? 4;
  const delayMs = options.delayMs ?? defaultDelay;
  return retryLink<AppRouter>({
    retry: ({ op, error, attempts: made }) =>
      made < attempts &&
      op.type === "mutation" &&
      keyedCreates.has(op.path) &&
      isPlainInput(op.input) &&
      op.input.idempotencyKey !== undefined &&
      isRetriable(error),
    retryDelayMs: delayMs,
  });
}
