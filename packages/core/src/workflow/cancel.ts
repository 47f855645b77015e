import type { ExecutionIdInput, ExecutionStatus } from "@jeex/contracts/workflow";
import { NotFoundError, PreconditionFailedError } from "../errors.ts";
import type { ExecutionLifecycle, LifecycleStore } from "./lifecycle.ts";

export interface CancelContext extends LifecycleStore {
  lifecycle: ExecutionLifecycle;
  afterCommit(work: () => Promise<void>): void;
}

/**
 * Ends a queued or running execution as cancelled, announced once the request commits. A running
 * worker notices at its next status check, aborts the model call, and its finishing transaction
 * writes nothing.
 */
export async function cancelExecution(
  ctx: CancelContext,
  { executionId }: ExecutionIdInput,
): Promise<{ executionId: string; status: ExecutionStatus }> {
  const execution = await ctx.executions.find(executionId);
  if (!execution) throw new NotFoundError("execution");
  const announce = await ctx.lifecycle.end(ctx, executionId, "cancelled", {
    code: "CANCELLED",
    message: "cancelled by a user",
  });
  if (!announce) throw new PreconditionFailedError(`the execution already ended (${execution.status})`);
  ctx.afterCommit(announce);
  return { executionId, status: "cancelled" };
}
