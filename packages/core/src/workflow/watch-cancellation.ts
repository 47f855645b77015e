import type { Database } from "@jeex/db/client";
import { createExecutionRepository } from "@jeex/db/repositories/executions";
import type { TenantScope } from "@jeex/db/tenant";

/**
 * An AbortSignal for one running step that fires when the runner stops or when `workflow.cancel`
 * marked the execution cancelled — polled from the database, so it works whichever process
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
      const status = await db.withTenant(
        scope,
        async (tx) => (await createExecutionRepository(tx).find(executionId))?.status,
      );
      if (status === "cancelled" && !controller.signal.aborted) {
        byUser = true;
        controller.abort(new Error("cancelled by a user"));
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
