import { z } from "zod";
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
  timeoutMs: z.number().int().positive().default(10_000),
  retries: z.number().int().min(0).max(10).default(3),
  minRetryDelayMs: z.number().int().nonnegative().default(250),
  maxRetryDelayMs: z.number().int().positive().default(5_000),
  maxRetryAfterMs: z.number().int().nonnegative().default(30_000),
  breaker: z
    .strictObject({
      errorThresholdPercentage: z.number().min(1).max(100).default(50),
      volumeThreshold: z.number().int().min(1).default(10),
      resetTimeoutMs: z.number().int().positive().default(15_000),
    })
    .prefault({}),
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
