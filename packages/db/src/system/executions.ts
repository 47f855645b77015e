import { agentExecutions } from "../schema/workflow.ts";
import type { AnyDatabase } from "../types.ts";
import { requeueColumns, unfinishedSince } from "./lost-jobs.ts";

/**
 * Workflow recovery across tenants: runs whose job may have been lost (an in-process runner's
 * queue dies with its process; a process killed between COMMIT and the BullMQ add leaves no job).
 */
export function executionSystemQueries(db: AnyDatabase) {
  return {
    /** Queued or running executions; with `queuedBefore`, only those queued before that instant. */
    async liveExecutions(options: { queuedBefore?: Date } = {}) {
      return db
        .select({ executionId: agentExecutions.id, ...requeueColumns(agentExecutions) })
        .from(agentExecutions)
        .where(unfinishedSince(agentExecutions.status, agentExecutions.queuedAt, options.queuedBefore));
    },
  };
}
