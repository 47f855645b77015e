import {
  answer,
  answerText,
  type FakeOpenAiServer,
  startFakeOpenAiServer,
  status,
} from "@jeex/db/testing/openai-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { LlmBadResponseError, LlmOutputInvalidError, LlmRequestError } from "../../src/llm/errors.ts";
import { createOpenAiCompatibleProvider } from "../../src/llm/openai-compatible.ts";
import {
  apiKey,
  ideaSummarySchema,
  providerOptions,
  rejection,
  summaryRequest,
  validSummary,
} from "./support/fixtures.ts";

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await server.close();
});

describe("openai-compatible provider: structured output", () => {
  it("returns the validated output with usage, cost and one call", async () => {
    server.script(answer(validSummary, { prompt_tokens: 1_000, completion_tokens: 500 }));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));

    const result = await provider.generate(summaryRequest({ step: "architecture" }));

    expect(result.output).toEqual(validSummary);
    expect(result).toMatchObject({ provider: "openai-compatible", model: "big-model", calls: 1 });
    expect(result.usage).toEqual({ tokensIn: 1_000, tokensOut: 500 });
    // big-model: 1000 × $10/M + 500 × $30/M
    expect(result.costUsd).toBeCloseTo(0.025, 10);
  });

  it("posts the chat with the step's model, a strict json_schema response format and the bearer key", async () => {
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

  it("sends no authorization header when no key is configured (local servers)", async () => {
    server.script(answer(validSummary));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl, { apiKey: undefined }));
    await provider.generate(summaryRequest());
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("costs nothing for a model without a price", async () => {
    server.script(answer(validSummary));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl, { prices: undefined }));
    const result = await provider.generate(summaryRequest());
    expect(result.costUsd).toBe(0);
  });
});

describe("openai-compatible provider: one repair re-ask", () => {
  it("re-asks once with the validation issues and succeeds, summing usage over both calls", async () => {
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

  it("repairs an answer that is not JSON at all", async () => {
    server.script(answerText("Sure! Here is your summary: title=Recipe planner"), answer(validSummary));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));

    const result = await provider.generate(summaryRequest());

    expect(result.calls).toBe(2);
    expect(server.requests[1]?.body.messages[3].content).toContain("(root): the answer is not valid JSON");
  });

  it("fails with LLM_OUTPUT_INVALID carrying both attempts' issues when the repair is invalid too", async () => {
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
  it("does not retry a 401 and reports the status without echoing the key", async () => {
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

  it("reports a 200 that is not a chat completion as LLM_BAD_RESPONSE", async () => {
    server.script({ kind: "raw", status: 200, contentType: "text/html", body: "<html>proxy login</html>" });
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));

    const error = await rejection(provider.generate(summaryRequest()));

    expect(error).toBeInstanceOf(LlmBadResponseError);
    expect(server.requests).toHaveLength(1);
  });
});
