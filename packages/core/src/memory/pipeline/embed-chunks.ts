import { runTextWork } from "../../text-work/pool.ts";
import type { Embedder } from "../embeddings/port.ts";
import type { ChunkToStore } from "../vectors/port.ts";
import { type ChunkingOptions, defaultChunking } from "./chunk-markdown.ts";

/** One document version as memory needs it. */
export interface VersionToIndex {
  documentId: string;
  versionId: string;
  version: number;
  path: string;
  /** The document kind, stored as the chunk `type`. */
  kind: string;
  /** The workflow step that wrote it, stored as a tag. */
  step: string;
  lang: string;
  content: string;
}

/**
 * normalise → split by headings → drop duplicates → embed (the embedder batches): the chunks
 * to store for a version. The heading path is embedded with the text, so a question that names
 * a section finds its chunks even when the text itself does not repeat the heading's words.
 */
export async function embedChunksOf(
  version: VersionToIndex,
  embedder: Embedder,
  options: { chunking?: ChunkingOptions | undefined; signal?: AbortSignal | undefined } = {},
): Promise<ChunkToStore[]> {
  // normalise, chunk and dedupe on the text-work pool: the embedded queue runs on the API's thread.
  const chunks = await runTextWork(
    "memoryChunks",
    { content: version.content, chunking: options.chunking ?? defaultChunking },
    options.signal,
  );
  const vectors = await embedder.embed(
    chunks.map((chunk) => (chunk.heading ? `${chunk.heading}\n\n${chunk.text}` : chunk.text)),
    options.signal,
  );
  return chunks.map((chunk, i) => ({
    documentId: version.documentId,
    versionId: version.versionId,
    version: version.version,
    path: version.path,
    type: version.kind,
    visibility: "project",
    lang: version.lang,
    tags: [version.step],
    heading: chunk.heading,
    text: chunk.text,
    contentHash: chunk.contentHash,
    vector: vectors[i] as Float32Array,
  }));
}
