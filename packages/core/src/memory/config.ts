import { z } from "zod";
import { embeddingsConfigSchema } from "./embeddings/config.ts";
import { vectorStoreConfigSchema } from "./vectors/config.ts";

/** Project memory as the API's config module hands it over: the embedder and the vector store. */
export const memoryConfigSchema = z.strictObject({
  embeddings: embeddingsConfigSchema,
  vectors: vectorStoreConfigSchema,
});
export type MemoryConfig = z.output<typeof memoryConfigSchema>;
export type MemoryConfigInput = z.input<typeof memoryConfigSchema>;
