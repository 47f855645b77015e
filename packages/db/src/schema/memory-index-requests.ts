import { bigint, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.ts";
import { sameTenantDocumentVersion } from "./document-references.ts";
import { tenantIsolation } from "./rls.ts";
import { tenantColumn } from "./tenant-columns.ts";
import { owningUser } from "./user-columns.ts";

/**
 * Memory indexing that was asked for and has not finished: the durable record of an accepted
 * index job, so a runner that lost its queue (the in-process default, after a crash) can queue it
 * again at start-up. One row per document: a newer request replaces an older one (only the active
 * version is indexed anyway); the job deletes the row it was queued for when it is done.
 */
export const memoryIndexRequests = pgTable(
  "memory_index_requests",
  {
    tenantId: tenantColumn(),
    documentId: uuid().notNull(),
    versionId: uuid().notNull(),
    /** Whose tenant transaction the job opens. */
    userId: owningUser(),
    /** Epoch ms of the request, as in the job id: tells this request from a newer one. */
    requestedAt: bigint({ mode: "number" }).notNull(),
    /** W3C trace context of the request, so a re-queued job still joins its trace. */
    traceparent: text(),
    createdAt: createdAt(),
  },
  (t) => [
    ...sameTenantDocumentVersion("memory_index_requests", t),
    uniqueIndex("memory_index_requests_document_key").on(t.tenantId, t.documentId),
    tenantIsolation("memory_index_requests", t.tenantId),
  ],
);
