/**
 * Turns texts into vectors. Every vector an embedder returns has `dimension` entries and unit
 * length (or is all zeros for a text without words), so cosine similarity is a dot product.
 */
export interface Embedder {
  /** For logs and spans, e.g. "hashing" or "openai-compatible:text-embedding-3-small". */
  readonly name: string;
  readonly dimension: number;
  /** One vector per text, in order. */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}
