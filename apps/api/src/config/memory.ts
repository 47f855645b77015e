import { type MemoryConfig, memoryConfigSchema } from "@jeex/core/memory";
import { z } from "zod";
import { optionalText } from "./flags.ts";

// Project memory settings: the embedder and the vector store. config.ts composes this shape into
// its one env schema; nothing here reads process.env.

const optionalInteger = z
  .string()
  .optional()
  .transform((value) => (value ? Number(value) : undefined));

export const memoryEnvShape = {
  /** `hashing` (offline feature hashing, the default) or `openai-compatible` — always chosen explicitly. */
  EMBEDDINGS_PROVIDER: z.enum(["hashing", "openai-compatible"]).default("hashing"),
  EMBEDDINGS_BASE_URL: optionalText,
  EMBEDDINGS_API_KEY: optionalText,
  EMBEDDINGS_MODEL: optionalText,
  /** hashing: buckets (default 384); openai-compatible: the length of the model's vectors (required). */
  EMBEDDINGS_DIMENSION: optionalInteger,
  EMBEDDINGS_BATCH_SIZE: optionalInteger,
  /** `embedded` (memory_chunks in the database, the default) or `qdrant`. */
  VECTOR_STORE: z.enum(["embedded", "qdrant"]).default("embedded"),
  QDRANT_URL: optionalText,
  QDRANT_API_KEY: optionalText,
  QDRANT_COLLECTION: optionalText,
};

type MemoryEnv = z.output<z.ZodObject<typeof memoryEnvShape>>;

const envNameOf: Record<string, string> = {
  "embeddings.baseUrl": "EMBEDDINGS_BASE_URL",
  "embeddings.apiKey": "EMBEDDINGS_API_KEY",
  "embeddings.model": "EMBEDDINGS_MODEL",
  "embeddings.dimension": "EMBEDDINGS_DIMENSION",
  "embeddings.batchSize": "EMBEDDINGS_BATCH_SIZE",
  "vectors.url": "QDRANT_URL",
  "vectors.apiKey": "QDRANT_API_KEY",
  "vectors.collection": "QDRANT_COLLECTION",
};

function memoryInputFrom(env: MemoryEnv): unknown {
  const embeddings =
    env.EMBEDDINGS_PROVIDER === "hashing"
      ? { provider: "hashing", dimension: env.EMBEDDINGS_DIMENSION }
      : {
          provider: "openai-compatible",
          baseUrl: env.EMBEDDINGS_BASE_URL,
          apiKey: env.EMBEDDINGS_API_KEY,
          model: env.EMBEDDINGS_MODEL,
          dimension: env.EMBEDDINGS_DIMENSION,
          batchSize: env.EMBEDDINGS_BATCH_SIZE,
        };
  const vectors =
    env.VECTOR_STORE === "embedded"
      ? { kind: "embedded" }
      : {
          kind: "qdrant",
          url: env.QDRANT_URL,
          apiKey: env.QDRANT_API_KEY,
          collection: env.QDRANT_COLLECTION,
        };
  return { embeddings, vectors };
}

/** The memory choices as core wants them, or the issues (named by variable) that stop start-up. */
export function memoryConfigFrom(env: MemoryEnv): {
  config?: MemoryConfig;
  issues: { path: string[]; message: string }[];
} {
  const parsed = memoryConfigSchema.safeParse(memoryInputFrom(env));
  if (parsed.success) return { config: parsed.data, issues: [] };
  return {
    issues: parsed.error.issues.map((issue) => {
      const where = issue.path.slice(0, 2).join(".");
      const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
      const message = missing ? "is required" : issue.message;
      return { path: [envNameOf[where] ?? `memory (${issue.path.join(".")})`], message };
    }),
  };
}

export function memorySettingsFrom(env: MemoryEnv): MemoryConfig {
  const { config } = memoryConfigFrom(env);
  if (!config) throw new Error("memory config read before its issues were reported");
  return config;
}
