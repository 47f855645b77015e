import { inArray } from "drizzle-orm";
import { agentExecutions } from "../schema/workflow.ts";
import type { AnyDatabase } from "../types.ts";

/** Workflow recovery across tenants: runs an in-process runner lost when its process stopped. */
export function executionSystemQueries(db: AnyDatabase) {
  return {
    async liveExecutions() {
      return db
        .select({
          executionId: agentExecutions.id,
          tenantId: agentExecutions.tenantId,
          projectId: agentExecutions.projectId,
          userId: agentExecutions.createdBy,
        })
        .from(agentExecutions)
        .where(inArray(agentExecutions.status, ["queued", "running"]));
    },
  };
}
