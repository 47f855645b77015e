import { z } from "zod";
import { LlmBadResponseError } from "./errors.ts";
import { postJson } from "./http-json.ts";
import type { TokenUsage } from "./port.ts";
import type { RawAnswer } from "./structured-answer.ts";

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

/** One chat completion with JSON-schema structured output (a single HTTP attempt). */
export async function requestChatCompletion(
  request: ChatCompletionRequest,
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
