import { type JobKind, JobRunnerStoppingError, type RunnerHooks } from "./port.ts";
import { drainWithDeadline } from "./stop-deadline.ts";

/**
 * What every runner does when a job has failed for good: log it and call `onFailed`, whose own
 * failure is logged too, never thrown (the job is over either way).
 */
export function failureReporter<J>(kind: JobKind<J>, hooks: RunnerHooks<J>) {
  return async (job: J, error: unknown) => {
    hooks.log?.warn({ jobId: kind.idOf(job), err: error }, `${kind.name} job failed for good`);
    try {
      await hooks.onFailed?.(job, error);
    } catch (hookError) {
      hooks.log?.warn({ jobId: kind.idOf(job), err: hookError }, "onFailed hook threw");
    }
  };
}

/**
 * A runner's stop: waits for `drained` up to the deadline, then aborts the handlers' signals
 * through `stopping` and gives them the hooks' grace period to return.
 */
export function drainRunner(
  drained: Promise<unknown>,
  deadlineMs: number,
  stopping: AbortController,
  hooks: Pick<RunnerHooks<unknown>, "abortGraceMs" | "log">,
): Promise<void> {
  return drainWithDeadline({
    drained,
    deadlineMs,
    abort: () => stopping.abort(new JobRunnerStoppingError()),
    graceMs: hooks.abortGraceMs ?? 5000,
    log: hooks.log,
  });
}
