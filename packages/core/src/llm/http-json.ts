import { LlmBadResponseError, LlmRequestError } from "./errors.ts";
import { RetryableFailure } from "./resilience.ts";

export interface JsonPost {
  /** Names the endpoint in error messages ("LLM endpoint"). */
  endpoint: string;
  url: string;
  body: unknown;
  apiKey?: string | undefined;
  signal: AbortSignal;
  fetch: typeof fetch;
}

/**
 * One POST of a JSON body to a model endpoint, classified for the resilience layer: 429, 5xx and
 * network failures become `RetryableFailure`, other non-2xx become `LlmRequestError`. An abort
 * (timeout or cancellation) is rethrown as is so the caller can tell which signal fired.
 */
export async function postJson(post: JsonPost): Promise<unknown> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (post.apiKey) headers.authorization = `Bearer ${post.apiKey}`;

  let response: Response;
  try {
    response = await post.fetch(post.url, {
      method: "POST",
      headers,
      body: JSON.stringify(post.body),
      signal: post.signal,
    });
  } catch (error) {
    if (post.signal.aborted) throw error;
    throw new RetryableFailure(`network error (${networkErrorCode(error)})`);
  }

  const text = await readBody(response, post.signal);
  if (response.status === 429 || response.status >= 500) {
    throw new RetryableFailure(`HTTP ${response.status}${suffix(errorDetail(text, post.apiKey))}`, {
      status: response.status,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    });
  }
  if (!response.ok) throw new LlmRequestError(post.endpoint, response.status, errorDetail(text, post.apiKey));

  try {
    return JSON.parse(text);
  } catch {
    throw new LlmBadResponseError(
      `${post.endpoint} answered HTTP ${response.status} with a body that is not JSON`,
    );
  }
}

async function readBody(response: Response, signal: AbortSignal): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (signal.aborted) throw error;
    throw new RetryableFailure("connection lost while reading the answer");
  }
}

/** `Retry-After` is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function networkErrorCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === "string" ? cause.code : "fetch failed";
}

const suffix = (detail: string) => (detail ? `: ${detail}` : "");

/**
 * The server's own explanation (`{"error":{"message"}}`), shortened and with anything key-like
 * removed: some servers echo the presented key, and this text ends up on recorded executions.
 */
export function errorDetail(body: string, apiKey: string | undefined): string {
  let message: unknown;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    message = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message);
  } catch {
    return "";
  }
  if (typeof message !== "string") return "";
  let safe = message;
  if (apiKey) safe = safe.split(apiKey).join("[redacted]");
  safe = safe
    .replace(/\b(?:sk|rk|pk|key)-[\w*.-]{4,}/gi, "[redacted]")
    .replace(/bearer\s+\S+/gi, "Bearer [redacted]");
  return safe.length > 300 ? `${safe.slice(0, 300)}…` : safe;
}
