import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { answer, status } from "@jeex/db/testing";
import { describe, expect } from "vitest";
import { LlmCancelledError, LlmTimeoutError, LlmUnavailableError } from "../../src/llm/errors.ts";
import { parseRetryAfter } from "../../src/llm/http-json.ts";
import {
  createOpenAiCompatibleProvider,
  type OpenAiCompatibleProvider,
} from "../../src/llm/openai-compatible.ts";
import { it } from "./support/fake-endpoint.ts";
import { providerOptions, rejection, summaryRequest, validSummary } from "./support/fixtures.ts";

const slowAnswer = { kind: "slow", delayMs: 10_000, eventually: answer(validSummary) } as const;

async function until(condition: () => boolean): Promise<void> {
  const deadline = performance.now() + 5_000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error("condition not reached within 5 s");
    await sleep(10);
  }
}

describe("retries", () => {
  it("retries 500s and a timed-out attempt, then succeeds", async ({ server }) => {
    server.script(status(500), slowAnswer, answer(validSummary, { prompt_tokens: 10, completion_tokens: 5 }));
    const provider = createOpenAiCompatibleProvider(
      providerOptions(server.baseUrl, { retries: 3, timeoutMs: 1_000 }),
    );

    const result = await provider.generate(summaryRequest());

    expect(result.output).toEqual(validSummary);
    expect(server.requests).toHaveLength(3);
    expect(result.calls).toBe(1);
    expect(result.usage).toEqual({ tokensIn: 10, tokensOut: 5 });
  });

  it("gives up after the retries with LLM_UNAVAILABLE and the last status", async ({ server }) => {
    server.always(status(503));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl, { retries: 2 }));

    const error = await rejection(provider.generate(summaryRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error).toMatchObject({ code: "LLM_UNAVAILABLE", status: 503, circuitOpen: false });
    expect((error as Error).message).toContain("3 attempts");
    expect(server.requests).toHaveLength(3);
  });

  it("reports attempts that all time out as LLM_TIMEOUT", async ({ server }) => {
    server.always(slowAnswer);
    const provider = createOpenAiCompatibleProvider(
      providerOptions(server.baseUrl, { retries: 1, timeoutMs: 300 }),
    );

    const error = await rejection(provider.generate(summaryRequest()));

    expect(error).toBeInstanceOf(LlmTimeoutError);
    expect((error as LlmTimeoutError).code).toBe("LLM_TIMEOUT");
    expect(server.requests).toHaveLength(2);
  });

  it("retries network failures and then reports the endpoint unavailable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const provider = createOpenAiCompatibleProvider(
      providerOptions(`http://127.0.0.1:${port}/v1`, { retries: 1 }),
    );

    const error = await rejection(provider.generate(summaryRequest()));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect((error as Error).message).toContain("2 attempts");
    expect((error as Error).message).toContain("ECONNREFUSED");
  });
});

describe("429 and Retry-After", () => {
  it("waits for Retry-After before retrying", async ({ server }) => {
    server.script(status(429, { "retry-after": "1" }), answer(validSummary));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));

    const result = await provider.generate(summaryRequest());

    expect(result.output).toEqual(validSummary);
    const [first, second] = server.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it("caps an excessive Retry-After at maxRetryAfterMs", async ({ server }) => {
    server.script(status(429, { "retry-after": "3600" }), answer(validSummary));
    const provider = createOpenAiCompatibleProvider(
      providerOptions(server.baseUrl, { maxRetryAfterMs: 300 }),
    );

    const result = await provider.generate(summaryRequest());

    expect(result.output).toEqual(validSummary);
    const [first, second] = server.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(250);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2_000);
    expect(parseRetryAfter("Tue, 01 Jan 2030 00:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("circuit breaker", () => {
  it("opens after persistent failures, fails fast without a request, and closes after a good half-open call", async ({
    server,
  }) => {
    server.always(status(500));
    const provider: OpenAiCompatibleProvider = createOpenAiCompatibleProvider(
      providerOptions(server.baseUrl),
    );

    const failure = await rejection(provider.generate(summaryRequest()));
    expect(failure).toMatchObject({ code: "LLM_UNAVAILABLE", circuitOpen: false });
    expect(server.requests).toHaveLength(3);
    expect(provider.circuit).toBe("open");

    const started = performance.now();
    const fast = await rejection(provider.generate(summaryRequest()));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(fast).toBeInstanceOf(LlmUnavailableError);
    expect(fast).toMatchObject({ circuitOpen: true });
    expect((fast as Error).message).toContain("circuit open");
    expect(server.requests).toHaveLength(3);

    await until(() => provider.circuit === "half-open");
    server.always(undefined);
    server.script(answer(validSummary));
    const recovered = await provider.generate(summaryRequest());
    expect(recovered.output).toEqual(validSummary);
    expect(provider.circuit).toBe("closed");
  });

  it("keeps the circuit closed for invalid output and rejected requests", async ({ server }) => {
    server.script(status(400), answer({}), answer({}));
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));

    await rejection(provider.generate(summaryRequest()));
    await rejection(provider.generate(summaryRequest()));

    expect(provider.circuit).toBe("closed");
  });
});

describe("cancellation", () => {
  it("stops a hanging call promptly, without retrying or opening the circuit", async ({ server }) => {
    server.always({ kind: "hang" });
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl, { retries: 3 }));
    const controller = new AbortController();

    const pending = rejection(provider.generate(summaryRequest({ signal: controller.signal })));
    await server.waitForRequests(1);
    const started = performance.now();
    controller.abort();
    const error = await pending;

    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(LlmCancelledError);
    expect((error as LlmCancelledError).code).toBe("LLM_CANCELLED");
    await sleep(100);
    expect(server.requests).toHaveLength(1);
    expect(provider.circuit).toBe("closed");
  });

  it("stops while waiting out a Retry-After", async ({ server }) => {
    server.script(status(429, { "retry-after": "30" }));
    const provider = createOpenAiCompatibleProvider(
      providerOptions(server.baseUrl, { maxRetryAfterMs: 30_000 }),
    );
    const controller = new AbortController();

    const pending = rejection(provider.generate(summaryRequest({ signal: controller.signal })));
    await server.waitForRequests(1);
    await sleep(20);
    const started = performance.now();
    controller.abort(new Error("workflow cancelled"));
    const error = await pending;

    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(LlmCancelledError);
    expect((error as LlmCancelledError).cause).toEqual(new Error("workflow cancelled"));
    expect(server.requests).toHaveLength(1);
  });

  it("sends nothing when the signal is already aborted", async ({ server }) => {
    const provider = createOpenAiCompatibleProvider(providerOptions(server.baseUrl));

    const error = await rejection(provider.generate(summaryRequest({ signal: AbortSignal.abort() })));

    expect(error).toBeInstanceOf(LlmCancelledError);
    expect(server.requests).toHaveLength(0);
  });
});
