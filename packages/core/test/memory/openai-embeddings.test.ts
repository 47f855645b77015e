import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LlmBadResponseError, LlmRequestError } from "../../src/llm/errors.ts";
import {
  createOpenAiEmbedder,
  type OpenAiEmbeddingsOptions,
} from "../../src/memory/embeddings/openai-compatible.ts";
import { dot } from "../../src/memory/vector-math.ts";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: { model: string; input: string[] };
}

type Answer = { status: number; body: unknown };

/** A local `/v1/embeddings`: scripted statuses first, then vectors derived from each input's length. */
async function startEmbeddingsServer(dimension: number) {
  const received: Received[] = [];
  const scripted: Answer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Received["body"];
      received.push({ path: req.url ?? "", headers: req.headers, body });
      const answer = scripted.shift() ?? {
        status: 200,
        body: {
          object: "list",
          model: body.model,
          // Reversed on purpose: clients must order by `index`.
          data: body.input
            .map((text, index) => ({ object: "embedding", index, embedding: vectorFor(text, dimension) }))
            .reverse(),
          usage: { prompt_tokens: 3, total_tokens: 3 },
        },
      };
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    received,
    script: (...answers: Answer[]) => scripted.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Not unit length, so the client's normalisation shows. */
const vectorFor = (text: string, dimension: number) =>
  Array.from({ length: dimension }, (_, i) => (i === 0 ? text.length : 1));

const options = (
  baseUrl: string,
  overrides: Partial<OpenAiEmbeddingsOptions> = {},
): OpenAiEmbeddingsOptions => ({
  baseUrl,
  apiKey: "sk-test-embeddings",
  model: "text-embedding-test",
  dimension: 8,
  batchSize: 2,
  timeoutMs: 2_000,
  retries: 2,
  minRetryDelayMs: 5,
  maxRetryDelayMs: 20,
  breaker: { errorThresholdPercentage: 50, volumeThreshold: 100, resetTimeoutMs: 1_000 },
  ...overrides,
});

let server: Awaited<ReturnType<typeof startEmbeddingsServer>>;
beforeEach(async () => {
  server = await startEmbeddingsServer(8);
});
afterEach(async () => {
  await server.close();
});

describe("OpenAI-compatible embeddings", () => {
  it("posts {model, input} in batches of the configured size and returns unit vectors in input order", async () => {
    const texts = ["a", "bb", "ccc", "dddd", "eeeee"];
    const vectors = await createOpenAiEmbedder(options(server.baseUrl)).embed(texts);

    expect(server.received.map((r) => r.body.input)).toEqual([["a", "bb"], ["ccc", "dddd"], ["eeeee"]]);
    expect(
      server.received.every((r) => r.path === "/v1/embeddings" && r.body.model === "text-embedding-test"),
    ).toBe(true);
    expect(server.received[0]?.headers.authorization).toBe("Bearer sk-test-embeddings");
    expect(vectors).toHaveLength(5);
    for (const [i, vector] of vectors.entries()) {
      expect(dot(vector, vector)).toBeCloseTo(1, 5);
      // The first component grows with the input's length: order is preserved.
      if (i > 0) expect(vector[0]).toBeGreaterThan(vectors[i - 1]?.[0] as number);
    }
  });

  it("retries a 500 and succeeds", async () => {
    server.script({ status: 500, body: { error: { message: "overloaded" } } });
    const vectors = await createOpenAiEmbedder(options(server.baseUrl)).embed(["one"]);
    expect(vectors).toHaveLength(1);
    expect(server.received).toHaveLength(2);
  });

  it("does not retry a 401: the key is wrong, and asking again cannot help", async () => {
    server.script({ status: 401, body: { error: { message: "invalid api key sk-test-embeddings" } } });
    const failure = await createOpenAiEmbedder(options(server.baseUrl))
      .embed(["one"])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LlmRequestError);
    expect(failure).toMatchObject({ status: 401 });
    expect((failure as Error).message).not.toContain("sk-test-embeddings");
    expect(server.received).toHaveLength(1);
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
    expect(server.received).toHaveLength(0);
  });
});
