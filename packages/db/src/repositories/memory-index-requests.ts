import { eq } from "drizzle-orm";
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
    /** Records a request; a newer request of the same document replaces the older one. */
    async record(request: IndexRequestRecord): Promise<void> {
      const fields = {
        versionId: request.versionId,
        userId: scope.userId,
        requestedAt: request.requestedAt,
        traceparent: request.traceparent ?? null,
      };
      await db
        .insert(memoryIndexRequests)
        .values({ ...fields, tenantId: scope.tenantId, documentId: request.documentId })
        .onConflictDoUpdate({
          target: [memoryIndexRequests.tenantId, memoryIndexRequests.documentId],
          set: fields,
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
