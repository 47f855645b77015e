import type { FieldIssue } from "@jeex/contracts/errors";
import type { Step } from "@jeex/contracts/steps";
import { z } from "zod";
import {
  type ChatMessage,
  type MaxTokensParam,
  outputCapFor,
  requestChatCompletion,
} from "./chat-completion.ts";
import { type InvalidAnswer, LlmOutputInvalidError, LlmOutputTruncatedError } from "./errors.ts";
import type { LlmProvider, StructuredRequest, StructuredResult, TokenUsage } from "./port.ts";
import { costUsd, type PriceTable } from "./pricing.ts";
import { type CircuitState, createResilientCaller, type ResiliencePolicy } from "./resilience.ts";
import { checkAnswer, repairPrompt } from "./structured-answer.ts";
import { traceModelCall } from "./tracing.ts";

export interface OpenAiCompatibleOptions extends ResiliencePolicy {
  /** Up to and including the version segment, e.g. `https://api.openai.com/v1`, `http://localhost:11434/v1`. */
  baseUrl: string;
  /** Sent as a bearer token when set (local servers often need none). */
  apiKey?: string | undefined;
  models: { default: string; perStep?: Partial<Record<Step, string>> | undefined };
  prices?: PriceTable | undefined;
  /** Default 0.2; `null` omits it, for models that accept only their own default. */
  temperature?: number | null | undefined;
  /** The most one call's answer may take; unset = only what the run has left of its reservation. */
  maxTokens?: number | undefined;
  /** The name the output cap is sent under; default `max_tokens`. */
  maxTokensParam?: MaxTokensParam | undefined;
  /** For tests and custom agents (proxies); defaults to the global `fetch`. */
  fetch?: typeof fetch | undefined;
}

export interface OpenAiCompatibleProvider extends LlmProvider {
  /** The endpoint's circuit breaker, for health reporting. */
  readonly circuit: CircuitState;
}

const providerName = "openai-compatible";
const endpoint = "LLM endpoint";
/** The first ask plus one repair re-ask. */
const maxAnswers = 2;

/** Chat completions with JSON-schema structured output against any OpenAI-compatible server. */
export function createOpenAiCompatibleProvider(options: OpenAiCompatibleOptions): OpenAiCompatibleProvider {
  const caller = createResilientCaller(endpoint, options);
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  const temperature = options.temperature === undefined ? 0.2 : options.temperature;

  async function generate<Output>(request: StructuredRequest<Output>): Promise<StructuredResult<Output>> {
    const model = options.models.perStep?.[request.step] ?? options.models.default;
    const messages: ChatMessage[] = [
      { role: "system", content: request.system },
      { role: "user", content: request.prompt },
    ];
    const usage: TokenUsage = { tokensIn: 0, tokensOut: 0 };
    const invalid: InvalidAnswer[] = [];
    // Retries resend `messages` as is; it only grows between answers.
    const chat = {
      endpoint,
      baseUrl,
      apiKey: options.apiKey,
      fetch: doFetch,
      model,
      messages,
      schemaName: request.schemaName,
      jsonSchema: z.toJSONSchema(request.schema) as Record<string, unknown>,
      temperature,
      maxTokensParam: options.maxTokensParam ?? "max_tokens",
    };

    for (let attempt = 1; attempt <= maxAnswers; attempt++) {
      const spanAttributes = {
        "llm.provider": providerName,
        "llm.model": model,
        "jeex.step": request.step,
        "llm.attempt": attempt,
      };
      // Counted before the span: a call refused for its prompt is never sent.
      const cap = await outputCapFor(
        chat,
        { allowance: request.tokenAllowance?.(), maxTokens: options.maxTokens },
        request.signal,
      );
      const checked = await traceModelCall(spanAttributes, async (span) => {
        const completion = await caller.call(
          (signal) => requestChatCompletion(chat, cap, signal),
          request.signal,
        );
        usage.tokensIn += completion.usage.tokensIn;
        usage.tokensOut += completion.usage.tokensOut;
        request.onModelCall?.({
          provider: providerName,
          model,
          usage: completion.usage,
          costUsd: costUsd(options.prices, model, completion.usage),
        });
        const result = checkAnswer(completion.answer, request.schema);
        const truncated = !result.ok && cap !== undefined && completion.answer.finishReason === "length";
        span.setAttributes({
          "llm.tokens.in": completion.usage.tokensIn,
          "llm.tokens.out": completion.usage.tokensOut,
          "llm.outcome": result.ok ? "ok" : truncated ? "truncated" : "invalid_output",
          ...(cap === undefined ? {} : { "llm.max_tokens": cap }),
        });
        return { result, truncated, content: completion.answer.content ?? "" };
      });
      // Cut off at the cap: a repair would spend again past what the run has left.
      if (checked.truncated && cap !== undefined) {
        throw new LlmOutputTruncatedError(cap, { usage, costUsd: costUsd(options.prices, model, usage) });
      }

      if (checked.result.ok) {
        return {
          output: checked.result.output,
          provider: providerName,
          model,
          usage,
          costUsd: costUsd(options.prices, model, usage),
          calls: attempt,
        };
      }
      invalid.push({ attempt, issues: checked.result.issues });
      messages.push(...repairTurn(checked.content, request.schemaName, checked.result.issues));
    }
    throw new LlmOutputInvalidError(request.schemaName, invalid, {
      usage,
      costUsd: costUsd(options.prices, model, usage),
    });
  }

  return {
    name: providerName,
    get circuit() {
      return caller.circuit;
    },
    generate,
  };
}

/** The model sees its own answer and what is wrong with it. */
const repairTurn = (content: string, schemaName: string, issues: FieldIssue[]): ChatMessage[] => [
  { role: "assistant", content },
  { role: "user", content: repairPrompt(schemaName, issues) },
];
