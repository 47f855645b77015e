import type { FieldIssue } from "@jeex/contracts/errors";
import type { TokenUsage } from "./port.ts";

/**
 * Why a model call failed, as recorded on the failed execution. Messages name the endpoint's
 * behaviour (status, timeout, circuit) and never carry API keys, prompts or model output.
 */
export type LlmErrorCode =
  | "LLM_OUTPUT_INVALID"
  | "LLM_OUTPUT_TRUNCATED"
  | "LLM_REQUEST_REJECTED"
  | "LLM_BAD_RESPONSE"
  | "LLM_UNAVAILABLE"
  | "LLM_TIMEOUT"
  | "LLM_CANCELLED";

export abstract class LlmError extends Error {
  abstract readonly code: LlmErrorCode;
}

/** One answer that failed validation: its attempt number (1 = first ask, 2 = repair) and its issues. */
export interface InvalidAnswer {
  attempt: number;
  issues: FieldIssue[];
}

/** What the model calls of a failed answer cost. */
interface SpentOnAnswer {
  usage: TokenUsage;
  costUsd: number;
}

/** An answer the model gave but that cannot be used: it carries its cost, so the failed run still records it. */
abstract class LlmUnusableAnswerError extends LlmError {
  readonly usage: TokenUsage;
  readonly costUsd: number;
  constructor(message: string, spent: SpentOnAnswer) {
    super(message);
    this.usage = spent.usage;
    this.costUsd = spent.costUsd;
  }
}

/** The model answered twice (the ask and the one repair) and neither answer fits the schema. */
export class LlmOutputInvalidError extends LlmUnusableAnswerError {
  readonly code = "LLM_OUTPUT_INVALID";
  readonly answers: InvalidAnswer[];
  readonly calls: number;
  constructor(schemaName: string, answers: InvalidAnswer[], spent: SpentOnAnswer) {
    const last = answers.at(-1)?.issues ?? [];
    const summary = last
      .slice(0, 5)
      .map((issue) => `${issue.path || "(root)"}: ${issue.message}`)
      .join("; ");
    super(`model output did not match ${schemaName} after ${answers.length} attempts: ${summary}`, spent);
    this.answers = answers;
    this.calls = answers.length;
  }
}

/**
 * The answer stopped at the call's output cap (`finish_reason: "length"`) before it was complete.
 * Not repaired: a re-ask would only spend again past what the run has left.
 */
export class LlmOutputTruncatedError extends LlmUnusableAnswerError {
  readonly code = "LLM_OUTPUT_TRUNCATED";
  constructor(cap: number, spent: SpentOnAnswer) {
    super(
      `the model's answer was cut off at the ${cap}-token cap (what the run had left of its token reservation, or LLM_MAX_TOKENS) before it was complete; it was not re-asked`,
      spent,
    );
  }
}

/**
 * The prompt of the next call, as counted here, already takes all the run has left of its token
 * reservation: the call is not sent. Recorded on the run as QUOTA_EXCEEDED.
 */
export class TokenAllowanceExceededError extends Error {
  override name = "TokenAllowanceExceededError";
  readonly promptTokens: number;
  readonly allowance: number;
  constructor(promptTokens: number, allowance: number) {
    super(
      `the next model call's prompt is ${promptTokens} tokens, and the run has ${allowance} tokens left of its reservation; it was not sent`,
    );
    this.promptTokens = promptTokens;
    this.allowance = allowance;
  }
}

/** The endpoint refused the request (a 4xx other than 429): retrying cannot help. */
export class LlmRequestError extends LlmError {
  readonly code = "LLM_REQUEST_REJECTED";
  readonly status: number;
  constructor(endpoint: string, status: number, detail: string) {
    super(`${endpoint} rejected the request with HTTP ${status}${detail ? `: ${detail}` : ""}`);
    this.status = status;
  }
}

/** A 2xx answer that is not a chat completion (a proxy's HTML page, a missing `choices`). */
export class LlmBadResponseError extends LlmError {
  readonly code = "LLM_BAD_RESPONSE";
}

/**
 * The endpoint cannot be used right now: 5xx, 429 or network failures outlasted the retries,
 * or the circuit breaker is open after recent failures (then `circuitOpen` is true and no
 * request was sent).
 */
export class LlmUnavailableError extends LlmError {
  readonly code = "LLM_UNAVAILABLE";
  readonly circuitOpen: boolean;
  readonly status: number | undefined;
  constructor(message: string, details: { circuitOpen?: boolean; status?: number | undefined } = {}) {
    super(message);
    this.circuitOpen = details.circuitOpen ?? false;
    this.status = details.status;
  }
}

/** Every attempt ran past the per-call timeout. */
export class LlmTimeoutError extends LlmError {
  readonly code = "LLM_TIMEOUT";
}

/**
 * The caller aborted `request.signal` (workflow.cancel). Never retried and never counted
 * against the endpoint's health; `cause` is the signal's abort reason.
 */
export class LlmCancelledError extends LlmError {
  readonly code = "LLM_CANCELLED";
  constructor(reason: unknown) {
    super("model call cancelled", { cause: reason });
  }
}
