import { type FakeOpenAiServer, quickResilience, startFakeOpenAiServer, status } from "@jeex/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LlmBadResponseError, LlmRequestError } from "../../src/llm/errors.ts";
import {
  createOpenAiEmbedder,
  type OpenAiEmbeddingsOptions,
} from "../../src/memory/embeddings/openai-compatible.ts";
import { dot } from "../../src/memory/vector-math.ts";

const options = (
  baseUrl: string,
  overrides: Partial<OpenAiEmbeddingsOptions> = {},
): OpenAiEmbeddingsOptions => ({
  baseUrl,
  apiKey: "sk-test-embeddings",
  model: "text-embedding-test",
  dimension: 8,
  batchSize: 2,
  ...quickResilience,
  ...overrides,
});

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer({ embeddings: { dimension: 8 } });
});
afterEach(async () => {
  await server.close();
});

describe("OpenAI-compatible embeddings", () => {
  it("posts {model, input} in batches of the configured size and returns unit vectors in input order", async () => {
    const texts = ["a", "bb", "ccc", "dddd", "eeeee"];
    const vectors = await createOpenAiEmbedder(options(server.baseUrl)).embed(texts);

    expect(server.requests.map((r) => r.body.input)).toEqual([["a", "bb"], ["ccc", "dddd"], ["eeeee"]]);
    expect(
      server.requests.every((r) => r.path === "/v1/embeddings" && r.body.model === "text-embedding-test"),
    ).toBe(true);
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-test-embeddings");
    expect(vectors).toHaveLength(5);
    for (const [i, vector] of vectors.entries()) {
      expect(dot(vector, vector)).toBeCloseTo(1, 5);
      // The first component grows with the input's length: order is preserved.
      if (i > 0) expect(vector[0]).toBeGreaterThan(vectors[i - 1]?.[0] as number);
    }
  });

  it("retries a 500 and succeeds", async () => {
    server.scriptEmbeddings(status(500, {}, { error: { message: "overloaded" } }));
    const vectors = await createOpenAiEmbedder(options(server.baseUrl)).embed(["one"]);
    expect(vectors).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a 401: the key is wrong, and asking again cannot help", async () => {
    server.scriptEmbeddings(status(401, {}, { error: { message: "invalid api key sk-test-embeddings" } }));
    const failure = await createOpenAiEmbedder(options(server.baseUrl))
      .embed(["one"])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LlmRequestError);
    expect(failure).toMatchObject({ status: 401 });
    expect((failure as Error).message).not.toContain("sk-test-embeddings");
    expect(server.requests).toHaveLength(1);
  });

  it("refuses vectors of another dimension than configured", async () => {
    const failure = await createOpenAiEmbedder(options(server.baseUrl, { dimension: 16 }))
      .embed(["one"])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LlmBadResponseError);
    expect((failure as Error).message).toMatch(/8-dimensional vectors .* EMBEDDINGS_DIMENSION is 16/);
  });

  it("embeds nothing without a request", async () => {
    expect(await createOpenAiEmbedder(options(server.baseUrl)).embed([])).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });
});
