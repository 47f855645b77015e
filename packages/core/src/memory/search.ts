import type { MemoryHit, MemorySearchInput, MemorySearchOutput } from "@jeex/contracts/memory";
import type { Database } from "@jeex/db/client";
import { createMemoryRepository, createProjectRepository } from "@jeex/db/repositories";
import type { TenantScope } from "@jeex/db/tenant";
import { DependencyUnavailableError } from "../errors.ts";
import { LlmError } from "../llm/errors.ts";
import { assertProjectExists } from "../projects/service.ts";
import type { Embedder } from "./embeddings/port.ts";
import type { VectorHit, VectorStore } from "./vectors/port.ts";

export interface MemorySearchContext {
  db: Database;
  /** The active tenant and user: with the project, the filter every vector query carries. */
  access: TenantScope;
  embedder: Embedder;
  vectors: VectorStore;
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
 *
 * The query is embedded outside any transaction: a remote embedder can take seconds, and a
 * transaction held open meanwhile is a connection taken from everyone (PGlite has only one — a
 * slow embedder stalled another tenant's `projects.list` for 7.6 s). Two short transactions
 * instead: the project check before the embed, the vector read after it.
 */
export async function searchMemory(
  ctx: MemorySearchContext,
  input: MemorySearchInput,
): Promise<MemorySearchOutput> {
  const key = { tenantId: ctx.access.tenantId, projectId: input.projectId };
  await ctx.db.withTenant(ctx.access, (tx) =>
    assertProjectExists(createProjectRepository(tx), input.projectId),
  );
  try {
    const [vector] = await ctx.embedder.embed([input.query], ctx.signal);
    if (!vector) throw new Error("the embedder returned no vector");
    const hits = await ctx.db.withTenant(ctx.access, (tx) =>
      ctx.vectors
        .session(createMemoryRepository(tx), ctx.signal)
        .search(key, vector, { limit: input.limit, types: input.types }),
    );
    return { hits: hits.map(toMemoryHit) };
  } catch (error) {
    if (error instanceof LlmError)
      throw new DependencyUnavailableError(`memory search is unavailable: ${error.message}`);
    throw error;
  }
}
