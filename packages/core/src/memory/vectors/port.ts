import type { MemoryRepository } from "@jeex/db/repositories";

/**
 * Which project's memory an operation touches. Both are required on every call, so no search,
 * write or delete can be made without the tenant and project filters.
 */
export interface ProjectKey {
  readonly tenantId: string;
  readonly projectId: string;
}

/** One chunk of an active document version, ready to store. */
export interface ChunkToStore {
  documentId: string;
  versionId: string;
  version: number;
  /** Path inside the export, e.g. `docs/about.md`. */
  path: string;
  /** The document kind (about, adr, plan-epic, …). */
  type: string;
  visibility: string;
  lang: string;
  tags: string[];
  /** Heading path, e.g. `About > Goals`. */
  heading: string;
  text: string;
  contentHash: string;
  /** Unit length, `dimension` entries. */
  vector: Float32Array;
}

export interface VectorHit {
  documentId: string;
  versionId: string;
  version: number;
  path: string;
  type: string;
  heading: string;
  text: string;
  /** Cosine similarity to the query, in [-1, 1]. */
  score: number;
}

export interface VectorSearchOptions {
  limit: number;
  /** Only chunks of these document kinds; all when absent or empty. */
  types?: readonly string[] | undefined;
}

/** The store's operations as seen from inside one tenant transaction. */
export interface VectorSession {
  /** Makes `chunks` the document's only chunks (an empty list removes it from memory). */
  replaceDocument(key: ProjectKey, documentId: string, chunks: ChunkToStore[]): Promise<void>;
  deleteDocument(key: ProjectKey, documentId: string): Promise<void>;
  /** Best matches first, at most `limit`. */
  search(key: ProjectKey, vector: Float32Array, options: VectorSearchOptions): Promise<VectorHit[]>;
}

export interface VectorStore {
  readonly kind: "embedded" | "qdrant";
  /** For the start-up log, without secrets. */
  readonly description: string;
  /** Start-up: creates what is missing and fails when a configured store cannot be used. */
  prepare(): Promise<void>;
  /** Readiness: a remote store answers (one plain request, no retries); absent for the embedded store. */
  ping?(): Promise<void>;
  /**
   * Binds the store to a tenant transaction: the embedded store reads and writes through the
   * transaction's memory repository (under RLS); every store refuses a key of another tenant.
   */
  session(memory: MemoryRepository, signal?: AbortSignal): VectorSession;
}

/** A key naming another tenant than the transaction's is a programming error, never a query. */
export function assertKeyInTenant(memory: Pick<MemoryRepository, "tenantId">, key: ProjectKey): void {
  if (key.tenantId !== memory.tenantId) {
    throw new Error("vector store: the project key names another tenant than the transaction");
  }
}
