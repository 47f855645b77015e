import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";

describe("memory configuration", () => {
  it("defaults to the hashing embedder (384 dimensions) and the embedded vector store", () => {
    expect(loadConfig({ JEEX_DEV_MODE: "true" }).memory).toEqual({
      embeddings: { provider: "hashing", dimension: 384 },
      vectors: { kind: "embedded" },
    });
  });

  it("takes an OpenAI-compatible embedder and Qdrant, with defaults for what is not set", () => {
    const { memory } = loadConfig({
      JEEX_DEV_MODE: "true",
      EMBEDDINGS_PROVIDER: "openai-compatible",
      EMBEDDINGS_BASE_URL: "http://127.0.0.1:11434/v1",
      EMBEDDINGS_MODEL: "nomic-embed-text",
      EMBEDDINGS_DIMENSION: "768",
      EMBEDDINGS_BATCH_SIZE: "16",
      VECTOR_STORE: "qdrant",
      QDRANT_URL: "http://qdrant:6333",
      QDRANT_API_KEY: "secret",
    });
    expect(memory.embeddings).toMatchObject({
      provider: "openai-compatible",
      model: "nomic-embed-text",
      dimension: 768,
      batchSize: 16,
    });
    expect(memory.vectors).toMatchObject({
      kind: "qdrant",
      url: "http://qdrant:6333",
      apiKey: "secret",
      collection: "jeex_memory",
    });
  });

  it("names the missing variables instead of falling back", () => {
    expect(() => loadConfig({ VECTOR_STORE: "qdrant" })).toThrow(/QDRANT_URL: is required/);
    const openAi = () => loadConfig({ EMBEDDINGS_PROVIDER: "openai-compatible" });
    expect(openAi).toThrow(/EMBEDDINGS_BASE_URL: is required/);
    expect(openAi).toThrow(/EMBEDDINGS_MODEL: is required/);
    expect(openAi).toThrow(/EMBEDDINGS_DIMENSION: is required/);
    expect(() => loadConfig({ EMBEDDINGS_DIMENSION: "12" })).toThrow(/EMBEDDINGS_DIMENSION/);
    expect(() =>
      loadConfig({ VECTOR_STORE: "qdrant", QDRANT_URL: "http://q:6333", QDRANT_COLLECTION: "bad name!" }),
    ).toThrow(/QDRANT_COLLECTION/);
  });
});
