import type { ErrorData } from "@jeex/contracts/errors";
import { isTRPCClientError } from "@trpc/client";
import { CliError } from "./errors.ts";
import { ExitCode } from "./exit-codes.ts";

const networkErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

/** True when the request never got an answer: refused, reset, DNS, timeout (walks the cause chain). */
export function isNetworkError(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 6; depth++) {
    if (typeof cause !== "object") return false;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && networkErrorCodes.has(code)) return true;
    if (cause instanceof TypeError && cause.message === "fetch failed") return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

const exitCodeForTrpcCode: Record<string, ExitCode> = {
  BAD_REQUEST: ExitCode.usage,
  PARSE_ERROR: ExitCode.usage,
  UNAUTHORIZED: ExitCode.unauthenticated,
  FORBIDDEN: ExitCode.forbidden,
  NOT_FOUND: ExitCode.notFound,
  CONFLICT: ExitCode.refused,
  PRECONDITION_FAILED: ExitCode.refused,
  TOO_MANY_REQUESTS: ExitCode.refused,
  SERVICE_UNAVAILABLE: ExitCode.unreachable,
};

const hints: Partial<Record<ExitCode, string>> = {
  [ExitCode.unauthenticated]: " — run `jeex login` again with a valid key",
};

/** The server's error body (`error.data`), when the error carries one. */
function errorDataOf(error: unknown): ErrorData | undefined {
  if (!isTRPCClientError(error)) return undefined;
  const data = error.data as Partial<ErrorData> | undefined;
  return typeof data?.code === "string" ? (data as ErrorData) : undefined;
}

/**
 * Turns whatever a call threw into a CliError with a meaningful exit code; `server` names the URL
 * for "unreachable" messages. Anything unrecognised stays unexpected (exit 1).
 */
export function toCliError(error: unknown, server?: string): CliError {
  if (error instanceof CliError) return error;
  const data = errorDataOf(error);
  if (data) {
    // QUOTA_EXCEEDED travels as FORBIDDEN, but it is about usage, not permissions.
    const exitCode =
      data.appCode === "QUOTA_EXCEEDED"
        ? ExitCode.refused
        : (exitCodeForTrpcCode[data.code] ?? ExitCode.unexpected);
    const message = (error as Error).message || data.code;
    return new CliError(`${message} [${data.code}]${hints[exitCode] ?? ""}`, exitCode, {
      code: data.code,
      details: { appCode: data.appCode, requestId: data.requestId, issues: data.issues },
      cause: error,
    });
  }
  if (isNetworkError(error)) {
    return new CliError(`cannot reach the server${server ? ` at ${server}` : ""}`, ExitCode.unreachable, {
      code: "UNREACHABLE",
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(message, ExitCode.unexpected, { code: "UNEXPECTED", cause: error });
}
