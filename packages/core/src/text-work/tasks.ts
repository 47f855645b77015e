import type { Step } from "@jeex/contracts/steps";
import type { AgentInput, RenderedDocument, RenderOptions } from "../agents/agent.ts";
import { agentFor } from "../agents/registry.ts";
import { type DiffLimits, unifiedDiff } from "../documents/diff.ts";
import { type MergeSides, mergeThreeWay } from "../documents/merge.ts";
import { measureReadability, type ReadabilityScores } from "../documents/readability.ts";
import { zipArchive as zipEntries } from "../exports/zip-archive.ts";
import { draftOffline as draftStep } from "../llm/template/drafts.ts";
import { tokenCounterFor } from "../llm/token-count.ts";
import { hashingVectors } from "../memory/embeddings/hashing-vectors.ts";
import { type ChunkingOptions, chunkMarkdown } from "../memory/pipeline/chunk-markdown.ts";
import { dropDuplicateChunks, type HashedChunk } from "../memory/pipeline/dedupe.ts";
import { normalizeMarkdown } from "../memory/pipeline/normalize.ts";
import { checkPack as checkPackFiles, type PackCheckResult } from "../quality/check-pack.ts";
import type { PackFile } from "../quality/pack-file.ts";

/**
 * The CPU-bound document work that runs on the text-work threads, never on the request thread.
 * Each task takes and returns plain data (structured-cloned across the thread boundary).
 */

export const scoreReadability = (markdown: string): ReadabilityScores => measureReadability(markdown);

export const memoryChunks = (work: { content: string; chunking: ChunkingOptions }): HashedChunk[] =>
  dropDuplicateChunks(chunkMarkdown(normalizeMarkdown(work.content), work.chunking));

/** The hashing embedder's vectors of a batch too long to hash on the request thread. */
export const hashEmbeddings = (work: { texts: string[]; dimension: number }): Float32Array[] =>
  hashingVectors(work.texts, work.dimension);

export const diffVersions = (work: {
  path: string;
  from: { version: number; content: string };
  to: { version: number; content: string };
  limits?: DiffLimits | undefined;
}) => unifiedDiff(work.path, work.from, work.to, work.limits);

/** A re-run's output merged with the person's edit, scored as the version it becomes. */
export const mergeVersions = (sides: MergeSides) => {
  const merged = mergeThreeWay(sides);
  return { ...merged, scores: measureReadability(merged.content) };
};

/** The `template` provider's offline draft of a step. */
export const draftOffline = (work: { step: Step; input: AgentInput }): unknown =>
  draftStep(work.step, work.input);

/** A rendered document with the readability scores its version is stored with. */
export type ScoredDocument = RenderedDocument & { scores: ReadabilityScores };

/** A step's documents from its (already validated) output, scored here rather than on persist. */
export const renderDocuments = (work: {
  step: Step;
  output: unknown;
  input: AgentInput;
  options: RenderOptions;
}): ScoredDocument[] =>
  agentFor(work.step)
    .render(work.output as never, work.input, work.options)
    .map((document) => ({ ...document, scores: measureReadability(document.content) }));

/** The tokens of a prompt's parts as `model`'s tokenizer counts them (the estimate's input side). */
export const countTokens = async (work: { model: string; texts: string[] }): Promise<number> => {
  const counter = await tokenCounterFor(work.model);
  return work.texts.reduce((total, text) => total + counter.count(text), 0);
};

/** The quality report's checks over a pack's active documents (Mermaid's parser loads here). */
export const checkPack = (files: PackFile[]): Promise<PackCheckResult> => checkPackFiles(files);

/** An export pack's deterministic zip (deflating a pack of large documents takes seconds). */
export const zipArchive = zipEntries;
