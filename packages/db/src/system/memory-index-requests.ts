import { lt } from "drizzle-orm";
import { memoryIndexRequests } from "../schema/memory-index-requests.ts";
import type { AnyDatabase } from "../types.ts";

/**
 * Memory recovery across tenants: index jobs an in-process runner lost when its process stopped,
 * or that a process killed between recording and the BullMQ add never queued.
 */
export function memoryIndexSystemQueries(db: AnyDatabase) {
  return {
    /** Every outstanding request; with `requestedBefore`, only those asked for before that instant. */
    async unfinishedIndexRequests(options: { requestedBefore?: Date } = {}) {
      const query = db
        .select({
          tenantId: memoryIndexRequests.tenantId,
          userId: memoryIndexRequests.userId,
          documentId: memoryIndexRequests.documentId,
          versionId: memoryIndexRequests.versionId,
          requestedAt: memoryIndexRequests.requestedAt,
          traceparent: memoryIndexRequests.traceparent,
        })
        .from(memoryIndexRequests);
      return options.requestedBefore
        ? query.where(lt(memoryIndexRequests.requestedAt, options.requestedBefore.getTime()))
        : query;
    },
  };
}
