import { and, inArray, lt } from "drizzle-orm";
import { agentExecutions } from "../schema/workflow.ts";
import type { AnyDatabase } from "../types.ts";

/**
 * Workflow recovery across tenants: runs whose job may have been lost (an in-process runner's
 * queue dies with its process; a process killed between COMMIT and the BullMQ add leaves no job).
 */
export function executionSystemQueries(db: AnyDatabase) {
  return {
    /** Queued or running executions; with `queuedBefore`, only those queued before that instant. */
    async liveExecutions(options: { queuedBefore?: Date } = {}) {
      const live = inArray(agentExecutions.status, ["queued", "running"]);
      return db
        .select({
          executionId: agentExecutions.id,
          tenantId: agentExecutions.tenantId,
          projectId: agentExecutions.projectId,
          userId: agentExecutions.createdBy,
          traceparent: agentExecutions.traceparent,
        })
        .from(agentExecutions)
        .where(options.queuedBefore ? and(live, lt(agentExecutions.queuedAt, options.queuedBefore)) : live);
    },
  };
}
