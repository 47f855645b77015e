import { z } from "zod";
import { resilienceConfigShape } from "../../resilience/config.ts";
import { createEmbeddedVectorStore } from "./embedded.ts";
import type { VectorStore } from "./port.ts";
import { createQdrantVectorStore } from "./qdrant.ts";

const embeddedConfigSchema = z.strictObject({ kind: z.literal("embedded") });

const qdrantConfigSchema = z.strictObject({
  kind: z.literal("qdrant"),
  url: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().min(1).optional(),
  collection: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,255}$/, "letters, digits, _ and - only")
    .default("jeex_memory"),
  // Qdrant: shorter waits, more calls before the breaker judges, a shorter open circuit.
  ...resilienceConfigShape({
    timeoutMs: 10_000,
    minRetryDelayMs: 250,
    maxRetryDelayMs: 5_000,
    volumeThreshold: 10,
    resetTimeoutMs: 15_000,
  }),
});

/** Where project memory lives; `embedded` is the explicit default, never a fallback for Qdrant. */
export const vectorStoreConfigSchema = z.discriminatedUnion("kind", [
  embeddedConfigSchema,
  qdrantConfigSchema,
]);
export type VectorStoreConfig = z.output<typeof vectorStoreConfigSchema>;
export type VectorStoreConfigInput = z.input<typeof vectorStoreConfigSchema>;

/** `dimension` is the embedder's: Qdrant sizes (and checks) its collection with it. */
export function createVectorStore(config: VectorStoreConfig, dimension: number): VectorStore {
  return config.kind === "embedded"
    ? createEmbeddedVectorStore()
    : createQdrantVectorStore({ ...config, dimension });
}
