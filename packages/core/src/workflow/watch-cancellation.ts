import type { Database } from "@jeex/db/client";
import { createExecutionRepository } from "@jeex/db/repositories";
import type { TenantScope } from "@jeex/db/tenant";

/**
 * An AbortSignal for one running step that fires when the runner stops, when `workflow.cancel`
 * marked the execution cancelled, or when its project was deleted — polled from the database, so it works whichever process
 * (API instance or worker) received the cancel request.
 */
export function watchForCancellation(
  db: Database,
  scope: TenantScope,
  executionId: string,
  runnerSignal: AbortSignal,
  pollMs: number,
) {
  const controller = new AbortController();
  let byUser = false;
  const onRunnerAbort = () => controller.abort(runnerSignal.reason);
  runnerSignal.addEventListener("abort", onRunnerAbort, { once: true });
  const timer = setInterval(async () => {
    try {
      const execution = await db.withTenant(scope, (tx) => createExecutionRepository(tx).find(executionId));
      // Gone means its project was deleted: stop spending tokens on a pack nobody can read.
      const reason = !execution
        ? "its project was deleted"
        : execution.status === "cancelled"
          ? "cancelled by a user"
          : undefined;
      if (reason && !controller.signal.aborted) {
        byUser = true;
        controller.abort(new Error(reason));
      }
    } catch {
      // A missed poll only delays cancellation; the finishing transaction re-checks the status.
    }
  }, pollMs);
  timer.unref();
  return {
    signal: controller.signal,
    cancelledByUser: () => byUser,
    stop() {
      clearInterval(timer);
      runnerSignal.removeEventListener("abort", onRunnerAbort);
    },
  };
}
