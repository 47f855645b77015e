import type { MemoryHit, MemorySearchInput, MemorySearchOutput } from "@jeex/contracts/memory";
import type { ProjectRepository } from "@jeex/db/repositories/projects";
import { DependencyUnavailableError } from "../errors.ts";
import { LlmError } from "../llm/errors.ts";
import { assertProjectExists } from "../workflow/executions.ts";
import type { Embedder } from "./embeddings/port.ts";
import type { VectorHit, VectorSession } from "./vectors/port.ts";

export interface MemorySearchContext {
  /** The active tenant: with the project, the filter every vector query carries. */
  tenantId: string;
  projects: ProjectRepository;
  embedder: Embedder;
  /** The vector store bound to the request's tenant transaction. */
  vectors: VectorSession;
  signal?: AbortSignal | undefined;
}

const toMemoryHit = (hit: VectorHit): MemoryHit => ({
  text: hit.text,
  score: Math.round(hit.score * 1e6) / 1e6,
  path: hit.path,
  version: hit.version,
  documentId: hit.documentId,
  heading: hit.heading,
  type: hit.type,
});

/**
 * `memory.search`: the chunks of the project's active documents closest to the query. Another
 * tenant's project is NOT_FOUND; an embeddings endpoint or Qdrant that cannot answer is UNAVAILABLE.
 */
export async function searchMemory(
  ctx: MemorySearchContext,
  input: MemorySearchInput,
): Promise<MemorySearchOutput> {
  await assertProjectExists(ctx.projects, input.projectId);
  try {
    const [vector] = await ctx.embedder.embed([input.query], ctx.signal);
    if (!vector) throw new Error("the embedder returned no vector");
    const hits = await ctx.vectors.search({ tenantId: ctx.tenantId, projectId: input.projectId }, vector, {
      limit: input.limit,
      types: input.types,
    });
    return { hits: hits.map(toMemoryHit) };
  } catch (error) {
    if (error instanceof LlmError)
      throw new DependencyUnavailableError(`memory search is unavailable: ${error.message}`);
    throw error;
  }
}
