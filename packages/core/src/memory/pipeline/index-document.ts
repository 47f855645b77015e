import type { Database } from "@jeex/db/client";
import {
  createDocumentRepository,
  createMemoryIndexRequestRepository,
  createMemoryRepository,
} from "@jeex/db/repositories";
import type { TenantTransaction } from "@jeex/db/tenant";
import { context } from "@opentelemetry/api";
import { withLogFields } from "../../log-context.ts";
import type { JobHandler } from "../../queue/port.ts";
import { contextOfTraceparent } from "../../workflow/trace-context.ts";
import type { Embedder } from "../embeddings/port.ts";
import { traceMemory } from "../tracing.ts";
import type { VectorStore } from "../vectors/port.ts";
import type { ChunkingOptions } from "./chunk-markdown.ts";
import { embedChunksOf, type VersionToIndex } from "./embed-chunks.ts";
import type { MemoryIndexJob } from "./index-jobs.ts";

export interface MemoryIndexDeps {
  db: Database;
  embedder: Embedder;
  vectors: VectorStore;
  chunking?: ChunkingOptions | undefined;
}

/** What one job did: stored the version's chunks, removed a retired document's, or nothing. */
export type IndexOutcome =
  | { kind: "indexed"; chunks: number }
  | { kind: "removed" }
  | { kind: "skipped"; reason: string };

type Target =
  | { kind: "index"; version: VersionToIndex }
  | { kind: "remove" }
  | { kind: "skip"; reason: string };

/**
 * The worker side of memory indexing. Reads the version (short transaction), chunks and embeds it
 * outside any transaction (the embedder may be a remote model), then writes under the document's
 * row lock after checking the version is still the active one — so concurrent jobs for the same
 * document serialise, and a job for a version that was replaced meanwhile does nothing.
 */
export async function indexDocumentVersion(
  deps: MemoryIndexDeps,
  job: MemoryIndexJob,
  signal?: AbortSignal,
): Promise<IndexOutcome> {
  const scope = { tenantId: job.tenantId, userId: job.userId };
  // The job's request is settled in the transaction that ends the job: nothing is left outstanding.
  const settled = (tx: TenantTransaction) =>
    createMemoryIndexRequestRepository(tx).settle(job.documentId, job.requestedAt);
  const target = await deps.db.withTenant(scope, async (tx) => {
    const read = await readTarget(tx, job);
    if (read.kind === "skip") await settled(tx);
    return read;
  });
  if (target.kind === "skip") return { kind: "skipped", reason: target.reason };
  const chunks =
    target.kind === "index"
      ? await embedChunksOf(target.version, deps.embedder, { chunking: deps.chunking, signal })
      : [];

  return deps.db.withTenant(scope, async (tx) => {
    const outcome = await writeChunks(tx, deps, job, target, chunks, signal);
    await settled(tx);
    return outcome;
  });
}

/** Under the document's row lock: store the chunks, remove a retired document's, or skip. */
async function writeChunks(
  tx: TenantTransaction,
  deps: MemoryIndexDeps,
  job: MemoryIndexJob,
  target: Target,
  chunks: Awaited<ReturnType<typeof embedChunksOf>>,
  signal: AbortSignal | undefined,
): Promise<IndexOutcome> {
  const doc = await createDocumentRepository(tx).lock(job.documentId);
  if (!doc) return { kind: "skipped", reason: "document deleted" };
  const vectors = deps.vectors.session(createMemoryRepository(tx), signal);
  const key = { tenantId: job.tenantId, projectId: doc.projectId };
  if (doc.retired) {
    await vectors.deleteDocument(key, doc.id);
    return { kind: "removed" };
  }
  if (doc.activeVersionId !== job.versionId || target.kind !== "index") {
    return { kind: "skipped", reason: "no longer the active version" };
  }
  await vectors.replaceDocument(key, doc.id, chunks);
  return { kind: "indexed", chunks: chunks.length };
}

async function readTarget(tx: TenantTransaction, job: MemoryIndexJob): Promise<Target> {
  const doc = await createMemoryRepository(tx).indexTarget(job.documentId, job.versionId);
  if (!doc) return { kind: "skip", reason: "document deleted" };
  if (doc.retired) return { kind: "remove" };
  if (doc.activeVersionId !== job.versionId) return { kind: "skip", reason: "no longer the active version" };
  if (doc.version === null || doc.content === null) return { kind: "skip", reason: "version deleted" };
  return {
    kind: "index",
    version: {
      documentId: doc.documentId,
      versionId: job.versionId,
      version: doc.version,
      path: doc.path,
      kind: doc.kind,
      step: doc.step,
      lang: doc.lang,
      content: doc.content,
    },
  };
}

/**
 * The queue handler: one `memory.index` span per job; failures are thrown so the queue retries.
 * Its log lines, and its place in the text-work pool's turns, are the job's tenant's.
 */
export function createMemoryIndexHandler(deps: MemoryIndexDeps): JobHandler<MemoryIndexJob> {
  // A child of the request that asked for the indexing, even when it ran in another process.
  return (job, signal) =>
    withLogFields({ tenant_id: job.tenantId }, () =>
      context.with(contextOfTraceparent(job.traceparent), () =>
        traceMemory(
          "memory.index",
          {
            "jeex.tenant_id": job.tenantId,
            "jeex.document_id": job.documentId,
            "jeex.version_id": job.versionId,
          },
          async (span) => {
            const outcome = await indexDocumentVersion(deps, job, signal);
            span.setAttribute("memory.outcome", outcome.kind);
            if (outcome.kind === "indexed") span.setAttribute("memory.chunks", outcome.chunks);
          },
        ),
      ),
    );
}
