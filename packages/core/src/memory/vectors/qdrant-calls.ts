import { LlmBadResponseError, LlmRequestError } from "../../llm/errors.ts";
import { type ResilientCaller, RetryableFailure } from "../../llm/resilience.ts";

// The Qdrant client takes no AbortSignal and throws its own error types; this adapts one call to
// the shared resilience layer: abortable, 429/5xx/network/timeouts retried, other 4xx not.

const noCancel = new AbortController().signal;

/** Runs one Qdrant client call under the caller's retries and circuit breaker. */
export function qdrantCall<T>(
  caller: ResilientCaller,
  run: () => Promise<T>,
  cancel: AbortSignal = noCancel,
): Promise<T> {
  return caller.call(async (signal) => {
    try {
      return await abortable(run(), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw classified(error);
    }
  }, cancel);
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** The Qdrant client's ApiError: the HTTP status and Qdrant's `{ status: { error } }` body. */
interface ApiErrorLike {
  status: number;
  data?: { status?: { error?: unknown } } | unknown;
  headers?: Headers;
}

const isApiError = (error: unknown): error is ApiErrorLike =>
  error instanceof Error && typeof (error as { status?: unknown }).status === "number";

function classified(error: unknown): Error {
  const name = error instanceof Error ? error.name : "";
  if (name === "QdrantClientTimeoutError")
    return new RetryableFailure("Qdrant did not answer in time", { timedOut: true });
  if (name === "QdrantClientResourceExhaustedError") {
    const seconds = Number((error as { retry_after?: unknown }).retry_after);
    return new RetryableFailure("HTTP 429", {
      status: 429,
      retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : undefined,
    });
  }
  if (name === "QdrantClientUnexpectedResponseError")
    return new LlmBadResponseError(`Qdrant: ${(error as Error).message.split("\n")[0]}`);
  if (isApiError(error)) {
    const detail = qdrantErrorText(error.data);
    if (error.status === 429 || error.status >= 500) {
      return new RetryableFailure(`HTTP ${error.status}${detail ? `: ${detail}` : ""}`, {
        status: error.status,
      });
    }
    return new LlmRequestError("Qdrant", error.status, detail);
  }
  // fetch() rejects with a TypeError for refused connections, resets and DNS failures.
  if (error instanceof TypeError) return new RetryableFailure(`network error (${networkCode(error)})`);
  return error instanceof Error ? error : new Error(String(error));
}

function qdrantErrorText(data: unknown): string {
  const message = (data as { status?: { error?: unknown } } | undefined)?.status?.error;
  if (typeof message !== "string") return "";
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

function networkCode(error: TypeError): string {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : error.message;
}
