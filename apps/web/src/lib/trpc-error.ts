import type { ErrorData } from "@jeex/contracts/errors";
import { TRPCClientError } from "@trpc/client";
import { readableIssueMessage } from "./issue-message.ts";

/** What an error view shows: the server's message and the id to quote when reporting it. */
export interface DescribedError {
  message: string;
  requestId: string | undefined;
  httpStatus: number | undefined;
  appCode: ErrorData["appCode"] | undefined;
  /** Field paths → messages, for forms (`input.name`); the messages read as sentences. */
  issues: NonNullable<ErrorData["issues"]>;
}

function errorDataOf(error: unknown): Partial<ErrorData> | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  return data && typeof data === "object" ? (data as Partial<ErrorData>) : undefined;
}

export function describeError(error: unknown): DescribedError {
  const data = errorDataOf(error);
  const message =
    error instanceof Error && error.message ? error.message : "Something went wrong. Try again in a moment.";
  return {
    message,
    requestId: data?.requestId,
    httpStatus: data?.httpStatus,
    appCode: data?.appCode,
    issues: (data?.issues ?? []).map((issue) => ({ ...issue, message: readableIssueMessage(issue) })),
  };
}

export function httpStatusOf(error: unknown): number | undefined {
  return errorDataOf(error)?.httpStatus;
}

/** Over a limit: the seconds the server says to wait before asking again. */
export function retryAfterSecondsOf(error: unknown): number | undefined {
  return errorDataOf(error)?.retryAfterSeconds;
}

/** The server says the thing asked for is not there (never was, or was deleted). */
export function isNotFound(error: unknown): boolean {
  const data = errorDataOf(error);
  return data?.appCode === "NOT_FOUND" || data?.code === "NOT_FOUND" || data?.httpStatus === 404;
}

/**
 * The server refused the request itself (nothing by that id, not allowed, invalid): asking again
 * gets the same answer. A dropped connection, a 5xx, a timeout (408) or a rate limit (429) can pass.
 */
export function retryCannotHelp(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export function isUnauthenticated(error: unknown): boolean {
  const data = errorDataOf(error);
  return data?.code === "UNAUTHORIZED" || data?.httpStatus === 401;
}
