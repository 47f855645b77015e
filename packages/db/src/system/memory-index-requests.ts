import { memoryIndexRequests } from "../schema/memory-index-requests.ts";
import type { AnyDatabase } from "../types.ts";

/** Memory recovery across tenants: index jobs an in-process runner lost when its process stopped. */
export function memoryIndexSystemQueries(db: AnyDatabase) {
  return {
    async unfinishedIndexRequests() {
      return db
        .select({
          tenantId: memoryIndexRequests.tenantId,
          userId: memoryIndexRequests.userId,
          documentId: memoryIndexRequests.documentId,
          versionId: memoryIndexRequests.versionId,
          requestedAt: memoryIndexRequests.requestedAt,
          traceparent: memoryIndexRequests.traceparent,
        })
        .from(memoryIndexRequests);
    },
  };
}
