import { z } from "zod";
import { LlmBadResponseError } from "../../llm/errors.ts";
import { postJson } from "../../llm/http-json.ts";
import { type CircuitState, createResilientCaller, type ResiliencePolicy } from "../../llm/resilience.ts";
import { normalizeInPlace } from "../vector-math.ts";
import type { Embedder } from "./port.ts";

export interface OpenAiEmbeddingsOptions extends ResiliencePolicy {
  /** Up to and including the version segment, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  apiKey?: string | undefined;
  model: string;
  /** The length of the vectors the model returns; every answer is checked against it. */
  dimension: number;
  /** Texts per request. */
  batchSize: number;
  /** For tests; defaults to the global `fetch`. */
  fetch?: typeof fetch | undefined;
}

export interface OpenAiEmbedder extends Embedder {
  /** The endpoint's circuit breaker, for health reporting. */
  readonly circuit: CircuitState;
}

const endpoint = "embeddings endpoint";

const embeddingsAnswerSchema = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
});

/**
 * `POST {baseUrl}/embeddings` against any OpenAI-compatible server (OpenAI, vLLM, Ollama,
 * llama.cpp), in batches, each batch retried and circuit-broken like the chat model calls.
 */
export function createOpenAiEmbedder(options: OpenAiEmbeddingsOptions): OpenAiEmbedder {
  const caller = createResilientCaller(endpoint, options);
  const url = `${options.baseUrl.replace(/\/+$/, "")}/embeddings`;
  const doFetch = options.fetch ?? fetch;
  const noCancel = new AbortController().signal;

  async function embedBatch(batch: string[], signal: AbortSignal): Promise<Float32Array[]> {
    const answer = await caller.call(
      (attemptSignal) =>
        postJson({
          endpoint,
          url,
          body: { model: options.model, input: batch },
          apiKey: options.apiKey,
          signal: attemptSignal,
          fetch: doFetch,
        }),
      signal,
    );
    return vectorsFrom(answer, batch.length);
  }

  function vectorsFrom(answer: unknown, expected: number): Float32Array[] {
    const parsed = embeddingsAnswerSchema.safeParse(answer);
    if (!parsed.success)
      throw new LlmBadResponseError(`${endpoint} answered without a data[].embedding list`);
    const items = [...parsed.data.data].sort((a, b) => a.index - b.index);
    if (items.length !== expected || items.some((item, position) => item.index !== position)) {
      throw new LlmBadResponseError(`${endpoint} returned ${items.length} embeddings for ${expected} texts`);
    }
    return items.map(({ embedding }) => {
      // A model other than the configured one would silently poison the store: refuse it.
      if (embedding.length !== options.dimension) {
        throw new LlmBadResponseError(
          `${endpoint} returned ${embedding.length}-dimensional vectors for model ${options.model}; ` +
            `EMBEDDINGS_DIMENSION is ${options.dimension}`,
        );
      }
      return normalizeInPlace(Float32Array.from(embedding));
    });
  }

  return {
    name: `openai-compatible:${options.model}`,
    dimension: options.dimension,
    get circuit() {
      return caller.circuit;
    },
    async embed(texts, signal = noCancel) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += options.batchSize) {
        vectors.push(...(await embedBatch(texts.slice(start, start + options.batchSize), signal)));
      }
      return vectors;
    },
  };
}
