import { z } from "zod";
import { openAiCompatibleEndpointShape } from "../../resilience/config.ts";
import { traceMemory } from "../tracing.ts";
import { createHashingEmbedder, DEFAULT_HASHING_DIMENSION } from "./hashing.ts";
import { createOpenAiEmbedder } from "./openai-compatible.ts";
import type { Embedder } from "./port.ts";

const hashingConfigSchema = z.strictObject({
  provider: z.literal("hashing"),
  dimension: z.number().int().min(16).max(8192).default(DEFAULT_HASHING_DIMENSION),
});

const openAiConfigSchema = z.strictObject({
  ...openAiCompatibleEndpointShape({ timeoutMs: 30_000 }),
  model: z.string().trim().min(1),
  /** Must match what the model returns: the vector store is sized from it before the first call. */
  dimension: z.number().int().min(2).max(65_536),
  batchSize: z.number().int().min(1).max(2048).default(64),
});

/** The embedder as the API's config module hands it over; `hashing` is the explicit offline default. */
export const embeddingsConfigSchema = z.discriminatedUnion("provider", [
  hashingConfigSchema,
  openAiConfigSchema,
]);
export type EmbeddingsConfig = z.output<typeof embeddingsConfigSchema>;
export type EmbeddingsConfigInput = z.input<typeof embeddingsConfigSchema>;

export function createEmbedder(config: EmbeddingsConfig): Embedder {
  const embedder =
    config.provider === "hashing"
      ? createHashingEmbedder(config.dimension)
      : createOpenAiEmbedder({ ...config, fetch: undefined });
  return traced(embedder);
}

/** Every embed call gets a `memory.embed` span, whichever adapter runs it. */
function traced(embedder: Embedder): Embedder {
  return {
    name: embedder.name,
    dimension: embedder.dimension,
    embed: (texts, signal) =>
      traceMemory(
        "memory.embed",
        {
          "memory.embedder": embedder.name,
          "memory.dimension": embedder.dimension,
          "memory.texts": texts.length,
        },
        () => embedder.embed(texts, signal),
      ),
  };
}

/** The start-up log line: which embedder is in use, without secrets. */
export function describeEmbedder(config: EmbeddingsConfig): string {
  if (config.provider === "hashing") {
    return `embeddings: hashing embedder (embedded default: offline, deterministic, ${config.dimension} dimensions)`;
  }
  const origin = new URL(config.baseUrl).origin;
  return `embeddings: openai-compatible at ${origin}, model ${config.model}, ${config.dimension} dimensions, batches of ${config.batchSize}`;
}
