import { index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { bytes, createdAt } from "./columns.ts";
import { sameTenantDocumentVersion } from "./document-references.ts";
import { tenantIsolation } from "./rls.ts";
import { projectRowColumns, sameTenantProject } from "./tenant-columns.ts";

/** Float32 vectors as raw bytes: an order of magnitude cheaper to load than real[] for exact search. */
const vectorBytes = bytes;

/**
 * Project memory for the embedded vector store: chunks of active document versions with their
 * embeddings. Replaced per document whenever its active version changes.
 */
export const memoryChunks = pgTable(
  "memory_chunks",
  {
    ...projectRowColumns(),
    documentId: uuid().notNull(),
    versionId: uuid().notNull(),
    version: integer().notNull(),
    path: text().notNull(),
    /** The document kind (about, adr, plan-epic, …): `types` filters on it. */
    type: text().notNull(),
    visibility: text().notNull().default("project"),
    lang: text().notNull().default("en"),
    tags: text().array().notNull().default([]),
    heading: text().notNull().default(""),
    content: text().notNull(),
    contentHash: text().notNull(),
    embedding: vectorBytes().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    sameTenantProject("memory_chunks", t),
    ...sameTenantDocumentVersion("memory_chunks", t),
    index("memory_chunks_project_idx").on(t.tenantId, t.projectId),
    index("memory_chunks_document_idx").on(t.documentId),
    tenantIsolation("memory_chunks", t.tenantId),
  ],
);
