import { answer, answerText, status } from "@jeex/db/testing";
import { describe, expect } from "vitest";
import { z } from "zod";
import {
  LlmBadResponseError,
  LlmOutputInvalidError,
  LlmOutputTruncatedError,
  LlmRequestError,
  TokenAllowanceExceededError,
} from "../../src/llm/errors.ts";
import { createOpenAiCompatibleProvider } from "../../src/llm/openai-compatible.ts";
import { chatFramingTokens, tokenCounterFor } from "../../src/llm/token-count.ts";
import { it } from "./support/fake-endpoint.ts";
import {
  apiKey,
  ideaSummarySchema,
  providerOptions,
  rejection,
  summaryRequest,
  validSummary,
} from "./support/fixtures.ts";

describe("openai-compatible provider: structured output", () => {
  it("returns the validated output with usage, cost and one call", async ({ server }) => {
    server.script(answer(validSummary, { prompt_tokens: 1_000, completion_tokens: 500 }));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));

    const result = await provider.generate(summaryRequest({ step: "architecture" }));

    expect(result.output).toEqual(validSummary);
    expect(result).toMatchObject({ provider: "openai-compatible", model: "big-model", calls: 1 });
    expect(result.usage).toEqual({ tokensIn: 1_000, tokensOut: 500 });
    // big-model: 1000 × $10/M + 500 × $30/M
    expect(result.costUsd).toBeCloseTo(0.025, 10);
  });

  it("posts the chat with the step's model, a strict json_schema response format and the bearer key", async ({
    server,
  }) => {
    server.script(answer(validSummary), answer(validSummary));
    const provider = createOpenAiCompatibleProvider(providerOptions(`${server.baseUrl}/`));

    await provider.generate(summaryRequest({ step: "architecture" }));
    await provider.generate(summaryRequest({ step: "plan" }));

    const [architecture, plan] = server.requests;
    expect(architecture?.path).toBe("/v1/chat/completions");
    expect(architecture?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(architecture?.body.model).toBe("big-model");
    expect(plan?.body.model).toBe("small-model");
    expect(architecture?.body.messages).toEqual([
      { role: "system", content: "You are a business analyst." },
      { role: "user", content: "Idea: plan weekly meals from what is in the fridge." },
    ]);
    expect(architecture?.body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "idea_summary", schema: z.toJSONSchema(ideaSummarySchema), strict: true },
    });
    expect(architecture?.body.temperature).toBe(0.2);
  });

  it("sends no authorization header when no key is configured (local servers)", async ({ server }) => {
    server.script(answer(validSummary));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl, { apiKey: undefined }));
    await provider.generate(summaryRequest());
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("costs nothing for a model without a price", async ({ server }) => {
    server.script(answer(validSummary));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl, { prices: undefined }));
    const result = await provider.generate(summaryRequest());
    expect(result.costUsd).toBe(0);
  });
});

describe("openai-compatible provider: one repair re-ask", () => {
  it("re-asks once with the validation issues and succeeds, summing usage over both calls", async ({
    server,
  }) => {
    const wrong = { title: "Re", goals: [{ name: "plan meals", priority: 9 }] };
    server.script(
      answer(wrong, { prompt_tokens: 100, completion_tokens: 20 }),
      answer(validSummary, { prompt_tokens: 150, completion_tokens: 25 }),
    );
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));

    const result = await provider.generate(summaryRequest());

    expect(result.output).toEqual(validSummary);
    expect(result.calls).toBe(2);
    expect(result.usage).toEqual({ tokensIn: 250, tokensOut: 45 });
    // small-model: 250 × $1/M + 45 × $4/M
    expect(result.costUsd).toBeCloseTo(0.00043, 10);

    const repair = server.requests[1]?.body.messages;
    expect(repair).toHaveLength(4);
    expect(repair[2]).toEqual({ role: "assistant", content: JSON.stringify(wrong) });
    expect(repair[3].role).toBe("user");
    expect(repair[3].content).toContain("idea_summary");
    expect(repair[3].content).toContain("- title:");
    expect(repair[3].content).toContain("- goals.0.priority:");
  });

  it("repairs an answer that is not JSON at all", async ({ server }) => {
    server.script(answerText("Sure! Here is your summary: title=Recipe planner"), answer(validSummary));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));

    const result = await provider.generate(summaryRequest());

    expect(result.calls).toBe(2);
    expect(server.requests[1]?.body.messages[3].content).toContain("(root): the answer is not valid JSON");
  });

  it("fails with LLM_OUTPUT_INVALID carrying both attempts' issues when the repair is invalid too", async ({
    server,
  }) => {
    server.script(answerText("not json"), answer({ title: "Recipe planner", goals: [] }));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));

    const error = await rejection(provider.generate(summaryRequest()));

    expect(error).toBeInstanceOf(LlmOutputInvalidError);
    const invalid = error as LlmOutputInvalidError;
    expect(invalid.code).toBe("LLM_OUTPUT_INVALID");
    expect(invalid.calls).toBe(2);
    expect(invalid.answers.map((answer) => answer.attempt)).toEqual([1, 2]);
    expect(invalid.answers[0]?.issues).toEqual([
      { path: "", code: "invalid_json", message: "the answer is not valid JSON" },
    ]);
    expect(invalid.answers[1]?.issues.map((issue) => issue.path)).toEqual(["goals"]);
    expect(invalid.usage).toEqual({ tokensIn: 200, tokensOut: 40 });
    expect(invalid.message).toContain("idea_summary");
    expect(invalid.message).toContain("goals:");
    expect(server.requests).toHaveLength(2);
  });
});

describe("openai-compatible provider: rejected and malformed answers", () => {
  it("does not retry a 401 and reports the status without echoing the key", async ({ server }) => {
    server.always(status(401, {}, { error: { message: `Incorrect API key provided: ${apiKey}` } }));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl, { retries: 3 }));

    const error = await rejection(provider.generate(summaryRequest()));

    expect(error).toBeInstanceOf(LlmRequestError);
    expect((error as LlmRequestError).status).toBe(401);
    expect((error as LlmRequestError).code).toBe("LLM_REQUEST_REJECTED");
    expect((error as Error).message).toContain("HTTP 401");
    expect((error as Error).message).not.toContain(apiKey);
    expect((error as Error).message).not.toContain("sk-");
    expect(server.requests).toHaveLength(1);
    expect(provider.circuit).toBe("closed");
  });

  it("reports a 200 that is not a chat completion as LLM_BAD_RESPONSE", async ({ server }) => {
    server.script({ kind: "raw", status: 200, contentType: "text/html", body: "<html>proxy login</html>" });
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));

    const error = await rejection(provider.generate(summaryRequest()));

    expect(error).toBeInstanceOf(LlmBadResponseError);
    expect(server.requests).toHaveLength(1);
  });
});

/** The prompt of a chat as the provider counts it: every message, the JSON schema, the framing. */
async function countedPrompt(messages: { content: string }[]): Promise<number> {
  const { count } = await tokenCounterFor("small-model");
  const schema = JSON.stringify(z.toJSONSchema(ideaSummarySchema));
  return (
    messages.reduce((total, message) => total + count(message.content), count(schema)) +
    chatFramingTokens(messages.length)
  );
}

describe("openai-compatible provider: the output cap", () => {
  it("caps each call, first and repair, at what is left of the allowance after its counted prompt", async ({
    server,
  }) => {
    server.script(
      answer({ title: 42 }, { prompt_tokens: 300, completion_tokens: 700 }),
      answer(validSummary, { prompt_tokens: 400, completion_tokens: 500 }),
    );
    let left = 10_000;
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));

    await provider.generate(
      summaryRequest({
        tokenAllowance: () => left,
        onModelCall: ({ usage }) => {
          left -= usage.tokensIn + usage.tokensOut;
        },
      }),
    );

    const [first, repair] = server.chatRequests();
    expect(first?.body.max_tokens).toBe(10_000 - (await countedPrompt(first?.body.messages)));
    // The run spent 1,000 tokens on the first answer, and the repair's prompt is longer.
    expect(repair?.body.messages).toHaveLength(4);
    expect(repair?.body.max_tokens).toBe(9_000 - (await countedPrompt(repair?.body.messages)));
    expect(repair?.body.max_tokens).toBeLessThan(first?.body.max_tokens - 1_000);
    expect(first?.body.max_completion_tokens).toBeUndefined();
  });

  it("sends the cap as max_completion_tokens when configured so (OpenAI's newer models)", async ({
    server,
  }) => {
    server.script(answer(validSummary));
    const provider = createOpenAiCompatibleProvider(
      providerOptions(server.baseUrl, { maxTokensParam: "max_completion_tokens" }),
    );
    await provider.generate(summaryRequest({ tokenAllowance: () => 5_000 }));
    const [request] = server.chatRequests();
    expect(request?.body.max_completion_tokens).toBe(5_000 - (await countedPrompt(request?.body.messages)));
    expect(request?.body.max_tokens).toBeUndefined();
  });

  it("sends the configured per-call maximum when it is below the allowance, and no cap without either", async ({
    server,
  }) => {
    server.script(answer(validSummary), answer(validSummary), answer(validSummary));
    const capped = createOpenAiCompatibleProvider(providerOptions(server.baseUrl, { maxTokens: 2_000 }));
    await capped.generate(summaryRequest({ tokenAllowance: () => 100_000 }));
    await capped.generate(summaryRequest());
    await createOpenAiCompatibleProvider(providerOptions(server.baseUrl)).generate(summaryRequest());
    const [withAllowance, withoutAllowance, uncapped] = server.chatRequests();
    expect(withAllowance?.body.max_tokens).toBe(2_000);
    expect(withoutAllowance?.body.max_tokens).toBe(2_000);
    expect(uncapped?.body).not.toHaveProperty("max_tokens");
    expect(uncapped?.body).not.toHaveProperty("max_completion_tokens");
  });

  it("refuses a call whose counted prompt leaves nothing of the allowance, before sending it", async ({
    server,
  }) => {
    server.script(answer(validSummary));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));
    const prompt = await countedPrompt([
      { content: summaryRequest().system },
      { content: summaryRequest().prompt },
    ]);

    const error = await rejection(provider.generate(summaryRequest({ tokenAllowance: () => prompt })));

    expect(error).toBeInstanceOf(TokenAllowanceExceededError);
    expect(error).toMatchObject({ promptTokens: prompt, allowance: prompt });
    expect((error as Error).message).toContain(`${prompt} tokens`);
    expect(server.chatRequests()).toHaveLength(0);
  });

  it("fails an answer cut off at the cap at once, without a repair call, and reports what it spent", async ({
    server,
  }) => {
    // Scripted longer than the cap: the server stops it there (finish_reason "length").
    server.script(
      answer(validSummary, { prompt_tokens: 200, completion_tokens: 50_000 }),
      answer(validSummary),
    );
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));
    const calls: number[] = [];

    const error = await rejection(
      provider.generate(
        summaryRequest({
          tokenAllowance: () => 3_000,
          onModelCall: ({ usage }) => calls.push(usage.tokensOut),
        }),
      ),
    );

    const [request] = server.chatRequests();
    const cap = 3_000 - (await countedPrompt(request?.body.messages));
    expect(error).toBeInstanceOf(LlmOutputTruncatedError);
    expect(error).toMatchObject({ code: "LLM_OUTPUT_TRUNCATED", usage: { tokensIn: 200, tokensOut: cap } });
    expect((error as Error).message).toContain(`${cap}-token cap`);
    expect(server.chatRequests()).toHaveLength(1);
    expect(calls).toEqual([cap]);
  });
});
