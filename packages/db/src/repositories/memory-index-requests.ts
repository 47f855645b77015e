import { eq, sql } from "drizzle-orm";
import { memoryIndexRequests } from "../schema/memory-index-requests.ts";
import type { TenantTransaction } from "../tenant.ts";
import { inTenantOf } from "./in-tenant.ts";

/** An accepted index job as recorded; tenant and requesting user come from the transaction. */
export interface IndexRequestRecord {
  documentId: string;
  versionId: string;
  requestedAt: number;
  traceparent?: string | undefined;
}

/** Index jobs of the transaction's tenant that were accepted and have not finished. */
export function createMemoryIndexRequestRepository({ db, scope }: TenantTransaction) {
  const inTenant = inTenantOf(memoryIndexRequests.tenantId, scope);
  return {
    /** Records requests (one statement); a newer request of the same document replaces the older one. */
    async record(...requests: IndexRequestRecord[]): Promise<void> {
      if (requests.length === 0) return;
      await db
        .insert(memoryIndexRequests)
        .values(
          requests.map((request) => ({
            tenantId: scope.tenantId,
            documentId: request.documentId,
            versionId: request.versionId,
            userId: scope.userId,
            requestedAt: request.requestedAt,
            traceparent: request.traceparent ?? null,
          })),
        )
        .onConflictDoUpdate({
          target: [memoryIndexRequests.tenantId, memoryIndexRequests.documentId],
          // The row proposed for insertion (drizzle's casing does not reach raw SQL: snake_case here).
          set: {
            versionId: sql.raw("excluded.version_id"),
            userId: sql.raw("excluded.user_id"),
            requestedAt: sql.raw("excluded.requested_at"),
            traceparent: sql.raw("excluded.traceparent"),
          },
        });
    },

    /** The job for this request is done: deletes its record unless a newer request replaced it. */
    async settle(documentId: string, requestedAt: number): Promise<void> {
      await db
        .delete(memoryIndexRequests)
        .where(
          inTenant(
            eq(memoryIndexRequests.documentId, documentId),
            eq(memoryIndexRequests.requestedAt, requestedAt),
          ),
        );
    },
  };
}
