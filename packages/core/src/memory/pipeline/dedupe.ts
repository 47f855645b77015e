import { createHash } from "node:crypto";
import type { MarkdownChunk } from "./chunk-markdown.ts";
import { duplicateKey } from "./normalize.ts";

export interface HashedChunk extends MarkdownChunk {
  /** SHA-256 of the chunk text in comparison form (case and spacing folded). */
  contentHash: string;
}

/** Drops chunks whose text repeats an earlier one (boilerplate, pasted sections); first one wins. */
export function dropDuplicateChunks(chunks: MarkdownChunk[]): HashedChunk[] {
  const seen = new Set<string>();
  const kept: HashedChunk[] = [];
  for (const chunk of chunks) {
    const contentHash = createHash("sha256").update(duplicateKey(chunk.text)).digest("hex");
    if (seen.has(contentHash)) continue;
    seen.add(contentHash);
    kept.push({ ...chunk, contentHash });
  }
  return kept;
}
