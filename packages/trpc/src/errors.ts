import type { AppErrorCode, ErrorData, FieldIssue } from "@jeex/contracts/errors";
import { DomainError, InvalidInputError, RateLimitedError } from "@jeex/core/errors";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError, z } from "zod";

const trpcCodeFor: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  VALIDATION_FAILED: "BAD_REQUEST",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  QUOTA_EXCEEDED: "FORBIDDEN",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

const appCodeFor: Partial<Record<TRPC_ERROR_CODE_KEY, AppErrorCode>> = {
  BAD_REQUEST: "VALIDATION_FAILED",
  PARSE_ERROR: "VALIDATION_FAILED",
  UNAUTHORIZED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  TOO_MANY_REQUESTS: "RATE_LIMITED",
  SERVICE_UNAVAILABLE: "UNAVAILABLE",
};

/** The one place domain errors become tRPC errors. */
export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: trpcCodeFor[error.code], message: error.message, cause: error });
}

function issuesOf(cause: unknown): FieldIssue[] | undefined {
  if (cause instanceof InvalidInputError) return cause.issues;
  if (cause instanceof ZodError) {
    return cause.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
      code: issue.code,
    }));
  }
  return undefined;
}

interface DefaultShape {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; path?: string };
}

/**
 * Shapes every error body: a stable `appCode`, field paths for invalid input, the request id,
 * and never a stack trace or an internal message.
 */
export function formatError(shape: DefaultShape, error: TRPCError, requestId: string | undefined) {
  const cause = error.cause;
  const issues = issuesOf(cause);
  const internal = error.code === "INTERNAL_SERVER_ERROR";
  const data: ErrorData = {
    code: shape.data.code,
    httpStatus: shape.data.httpStatus,
    path: shape.data.path,
    appCode: cause instanceof DomainError ? cause.code : (appCodeFor[error.code] ?? "INTERNAL"),
    requestId,
  };
  if (cause instanceof RateLimitedError) data.retryAfterSeconds = cause.retryAfterSeconds;
  if (issues) {
    data.issues = issues;
    if (cause instanceof ZodError) Object.assign(data, z.flattenError(cause));
  }
  const message = internal
    ? "Internal server error"
    : issues
      ? `Invalid input: ${issues.map((issue) => `${issue.path || "(root)"}: ${issue.message}`).join("; ")}`
      : shape.message;
  return { ...shape, message, data };
}
