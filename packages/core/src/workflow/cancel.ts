import type { ExecutionIdInput, ExecutionStatus } from "@jeex/contracts/workflow";
import type { ExecutionRepository } from "@jeex/db/repositories/executions";
import { NotFoundError, PreconditionFailedError } from "../errors.ts";

export interface CancelContext {
  executions: ExecutionRepository;
  afterCommit(work: () => Promise<void>): void;
  /** Announces the cancellation on the project's stream (after commit). */
  announceCancelled(execution: { executionId: string; projectId: string; step: string }): Promise<void>;
}

/**
 * Ends a queued or running execution as cancelled. A running worker notices at its next status
 * check, aborts the model call, and its finishing transaction writes nothing.
 */
export async function cancelExecution(
  ctx: CancelContext,
  { executionId }: ExecutionIdInput,
): Promise<{ executionId: string; status: ExecutionStatus }> {
  const execution = await ctx.executions.find(executionId);
  if (!execution) throw new NotFoundError("execution");
  if (
    !(await ctx.executions.end(executionId, "cancelled", {
      code: "CANCELLED",
      message: "cancelled by a user",
    }))
  ) {
    throw new PreconditionFailedError(`the execution already ended (${execution.status})`);
  }
  ctx.afterCommit(() =>
    ctx.announceCancelled({ executionId, projectId: execution.projectId, step: execution.step }),
  );
  return { executionId, status: "cancelled" };
}
