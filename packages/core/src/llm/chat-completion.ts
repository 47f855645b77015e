import { z } from "zod";
import { runTextWork } from "../text-work/pool.ts";
import { LlmBadResponseError, TokenAllowanceExceededError } from "./errors.ts";
import { postJson } from "./http-json.ts";
import type { TokenUsage } from "./port.ts";
import type { RawAnswer } from "./structured-answer.ts";
import { chatFramingTokens } from "./token-count.ts";

/**
 * The name the output cap is sent under: `max_tokens` (vLLM, Ollama, llama.cpp, older OpenAI
 * models) or `max_completion_tokens` (OpenAI's newer models refuse `max_tokens`).
 */
export type MaxTokensParam = "max_tokens" | "max_completion_tokens";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatCompletionRequest {
  endpoint: string;
  baseUrl: string;
  apiKey: string | undefined;
  fetch: typeof fetch;
  model: string;
  messages: ChatMessage[];
  schemaName: string;
  jsonSchema: Record<string, unknown>;
  temperature: number | null;
  maxTokensParam: MaxTokensParam;
}

export interface ChatCompletion {
  answer: RawAnswer;
  usage: TokenUsage;
}

/** Only what we read; servers differ in the rest (vLLM, Ollama, llama.cpp add their own fields). */
const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.number().nonnegative(), completion_tokens: z.number().nonnegative() })
    .partial()
    .nullish(),
});

/**
 * The output cap of the next call: the configured per-call maximum, or what the allowance leaves
 * after the call's prompt (its messages, the JSON schema sent with them and the chat framing,
 * counted on the text-work threads as the estimate counts them), whichever is smaller. Undefined
 * when neither is set. Throws TokenAllowanceExceededError, before anything is sent, when the
 * prompt alone takes the whole allowance.
 */
export async function outputCapFor(
  request: Pick<ChatCompletionRequest, "model" | "messages" | "jsonSchema">,
  limits: { allowance: number | undefined; maxTokens: number | undefined },
  signal: AbortSignal,
): Promise<number | undefined> {
  if (limits.allowance === undefined) return limits.maxTokens;
  const texts = [...request.messages.map((message) => message.content), JSON.stringify(request.jsonSchema)];
  const promptTokens =
    (await runTextWork("countTokens", { model: request.model, texts }, signal)) +
    chatFramingTokens(request.messages.length);
  const left = limits.allowance - promptTokens;
  if (left <= 0) throw new TokenAllowanceExceededError(promptTokens, limits.allowance);
  return limits.maxTokens === undefined ? left : Math.min(limits.maxTokens, left);
}

/** One chat completion with JSON-schema structured output (a single HTTP attempt), its answer capped at `outputCap` tokens. */
export async function requestChatCompletion(
  request: ChatCompletionRequest,
  outputCap: number | undefined,
  signal: AbortSignal,
): Promise<ChatCompletion> {
  const body = await postJson({
    endpoint: request.endpoint,
    url: `${request.baseUrl}/chat/completions`,
    apiKey: request.apiKey,
    fetch: request.fetch,
    signal,
    body: {
      model: request.model,
      messages: request.messages,
      response_format: {
        type: "json_schema",
        json_schema: { name: request.schemaName, schema: request.jsonSchema, strict: true },
      },
      ...(request.temperature === null ? {} : { temperature: request.temperature }),
      ...(outputCap === undefined ? {} : { [request.maxTokensParam]: outputCap }),
    },
  });
  const parsed = completionSchema.safeParse(body);
  if (!parsed.success) {
    throw new LlmBadResponseError(
      `${request.endpoint} answered with something that is not a chat completion`,
    );
  }
  const [choice] = parsed.data.choices;
  return {
    answer: {
      content: choice?.message.content,
      refusal: choice?.message.refusal,
      finishReason: choice?.finish_reason,
    },
    usage: {
      tokensIn: parsed.data.usage?.prompt_tokens ?? 0,
      tokensOut: parsed.data.usage?.completion_tokens ?? 0,
    },
  };
}
