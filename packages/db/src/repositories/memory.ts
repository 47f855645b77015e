import type { Step } from "@jeex/contracts/steps";
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { memoryChunks } from "../schema/memory.ts";
import { projects } from "../schema/projects.ts";
import { documents, documentVersions } from "../schema/workflow.ts";
import type { TenantTransaction } from "../tenant.ts";
import { inTenantOf } from "./in-tenant.ts";
import { decodeVectorRows, type StoredVector } from "./vector-rows.ts";

export type { StoredVector } from "./vector-rows.ts";

export type MemoryChunkRow = typeof memoryChunks.$inferSelect;

/** A chunk to store; tenant and project come from the transaction and the call. */
export type NewMemoryChunk = Omit<MemoryChunkRow, "id" | "tenantId" | "projectId" | "createdAt">;

/** A chunk without its embedding: what a search hit shows. */
export type MemoryChunkText = Omit<MemoryChunkRow, "embedding" | "tenantId" | "createdAt">;

// Large enough to keep round trips few, small enough to stay far below the bind-parameter limit.
const INSERT_BATCH_ROWS = 500;
const IDS_PER_QUERY = 5_000;

// Vectors travel as base64 text: both drivers decode bytea from hex text row by row, which is
// several times slower (on PGlite ~10×) than Buffer.from(base64) of the same bytes.
const vectorColumns = {
  id: memoryChunks.id,
  base64: sql<string>`encode(${memoryChunks.embedding}, 'base64')`,
};

/** Project memory (the embedded vector store's rows) of the transaction's tenant. */
export function createMemoryRepository({ db, scope }: TenantTransaction) {
  const chunksInTenant = inTenantOf(memoryChunks.tenantId, scope);
  const docsInTenant = inTenantOf(documents.tenantId, scope);

  return {
    /** The tenant every read and write is confined to (RLS enforces it as well). */
    tenantId: scope.tenantId,

    /** Swaps a document's chunks for `chunks` (of its newly active version) in one statement pair. */
    async replaceDocumentChunks(
      projectId: string,
      documentId: string,
      chunks: NewMemoryChunk[],
    ): Promise<void> {
      await db.delete(memoryChunks).where(chunksInTenant(eq(memoryChunks.documentId, documentId)));
      for (let start = 0; start < chunks.length; start += INSERT_BATCH_ROWS) {
        const rows = chunks
          .slice(start, start + INSERT_BATCH_ROWS)
          .map((chunk) => ({ ...chunk, tenantId: scope.tenantId, projectId }));
        await db.insert(memoryChunks).values(rows);
      }
    },

    async deleteDocumentChunks(documentId: string): Promise<void> {
      await db.delete(memoryChunks).where(chunksInTenant(eq(memoryChunks.documentId, documentId)));
    },

    /** Ids of a project's chunks (optionally of some document kinds): the candidates of an exact search. */
    async projectChunkIds(projectId: string, types?: readonly string[]): Promise<string[]> {
      const conditions: SQL[] = [eq(memoryChunks.projectId, projectId)];
      if (types?.length) conditions.push(inArray(memoryChunks.type, [...types]));
      // One aggregated row instead of one row per chunk: several times faster on both drivers.
      const [row] = await db
        .select({ ids: sql<string | null>`string_agg(${memoryChunks.id}::text, ',')` })
        .from(memoryChunks)
        .where(chunksInTenant(...conditions));
      return row?.ids ? row.ids.split(",") : [];
    },

    /** Every chunk vector of a project: one round trip when none of them are cached yet. */
    async projectVectors(projectId: string): Promise<StoredVector[]> {
      return decodeVectorRows(
        await db
          .select(vectorColumns)
          .from(memoryChunks)
          .where(chunksInTenant(eq(memoryChunks.projectId, projectId))),
      );
    },

    /** The vectors of the given chunks (those still present). */
    async vectorsByIds(ids: string[]): Promise<StoredVector[]> {
      const found: StoredVector[] = [];
      for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
        const batch = ids.slice(start, start + IDS_PER_QUERY);
        found.push(
          ...(await decodeVectorRows(
            await db
              .select(vectorColumns)
              .from(memoryChunks)
              .where(chunksInTenant(inArray(memoryChunks.id, batch))),
          )),
        );
      }
      return found;
    },

    /** The text and metadata of the given chunks (the few that made the top k). */
    chunksByIds(ids: string[]): Promise<MemoryChunkText[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .select({
          id: memoryChunks.id,
          projectId: memoryChunks.projectId,
          documentId: memoryChunks.documentId,
          versionId: memoryChunks.versionId,
          version: memoryChunks.version,
          path: memoryChunks.path,
          type: memoryChunks.type,
          visibility: memoryChunks.visibility,
          lang: memoryChunks.lang,
          tags: memoryChunks.tags,
          heading: memoryChunks.heading,
          content: memoryChunks.content,
          contentHash: memoryChunks.contentHash,
        })
        .from(memoryChunks)
        .where(chunksInTenant(inArray(memoryChunks.id, ids)));
    },

    /**
     * What an index job reads, in one query: the document (of a live project), the job's version
     * of it if that still exists, and the project's language. Undefined when the document is gone.
     */
    async indexTarget(documentId: string, versionId: string) {
      const [row] = await db
        .select({
          documentId: documents.id,
          retired: documents.retired,
          activeVersionId: documents.activeVersionId,
          path: documents.path,
          kind: documents.kind,
          step: documents.step,
          lang: projects.language,
          version: documentVersions.version,
          content: documentVersions.content,
        })
        .from(documents)
        .innerJoin(
          projects,
          and(
            eq(projects.tenantId, documents.tenantId),
            eq(projects.id, documents.projectId),
            isNull(projects.deletedAt),
          ),
        )
        .leftJoin(
          documentVersions,
          and(
            eq(documentVersions.tenantId, documents.tenantId),
            eq(documentVersions.documentId, documents.id),
            eq(documentVersions.id, versionId),
          ),
        )
        .where(docsInTenant(eq(documents.id, documentId)));
      return row;
    },

    /** A step's documents (retired ones too) with their active version: what to (re)index after a run. */
    documentsOfStep(
      projectId: string,
      step: Step,
    ): Promise<{ id: string; activeVersionId: string | null }[]> {
      return db
        .select({ id: documents.id, activeVersionId: documents.activeVersionId })
        .from(documents)
        .where(docsInTenant(eq(documents.projectId, projectId), eq(documents.step, step)));
    },
  };
}

export type MemoryRepository = ReturnType<typeof createMemoryRepository>;
