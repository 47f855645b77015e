import type { Step } from "@jeex/contracts/steps";
import { createLlmProvider, describeLlmProvider } from "@jeex/core/llm";
import type { StepJob } from "@jeex/core/queue";
import { stepJobs } from "@jeex/core/queue";
import { activeTraceparent, createExecutionLifecycle, createStepHandler } from "@jeex/core/workflow";
import type { MemoryFeature } from "../memory/runtime.ts";
import type { Runtime, RuntimeFeature } from "../runtime/create-runtime.ts";
import { requeueAsCreator } from "../runtime/jobs.ts";

/**
 * Workflow steps on the shared runtime: the model, the execution lifecycle on the runtime's event
 * log, the step queue and (when the runtime runs a worker) its runner. Live executions whose job
 * may be lost are queued again by the runtime's recovery.
 */
export function createWorkflowFeature(runtime: Runtime, memory: MemoryFeature) {
  const { config, db, log, events } = runtime;
  const llm = createLlmProvider(config.workflow.llm);
  log.info(describeLlmProvider(config.workflow.llm));

  const lifecycle = createExecutionLifecycle({ db, events });
  const handler = createStepHandler({ db, lifecycle, llm, log, memory: memory.stepMemory });
  const markFailedForGood = async (job: StepJob, error: unknown) => {
    log.error({ err: error, executionId: job.executionId }, "step job failed for good");
    await lifecycle.failForGood(job);
  };

  const { queue, runner } = runtime.jobs({ kind: stepJobs, handler, onFailed: markFailedForGood });

  /** After the request committed its queued execution: announce it, then enqueue it. */
  async function dispatchStep(run: StepJob & { step: Step }) {
    const { step, ...job } = run;
    // Still inside the request: the job carries its trace, so the worker's spans join it.
    const traceparent = activeTraceparent();
    await lifecycle.dispatch(run, async () => {
      try {
        await queue.enqueue({ ...job, traceparent });
      } catch (error) {
        log.error({ err: error, executionId: job.executionId }, "could not enqueue a step");
        throw error;
      }
    });
  }

  const feature = {
    llm,
    events,
    lifecycle,
    dispatchStep,
    /** Live executions queued again (see createJobRecovery), with their trace. */
    lostJobs: [
      {
        name: stepJobs.name,
        requeue: async (queuedBefore: Date | undefined) =>
          requeueAsCreator(await db.system.liveExecutions({ queuedBefore }), (run, scope) =>
            queue.enqueue({ executionId: run.executionId, ...scope }),
          ),
      },
    ],
    queueNames: [stepJobs.name],
    /** One re-queue pass of live executions now (the runtime's start runs the first). */
    recoverLostJobs: () => runtime.recoverLostJobs([stepJobs.name]),
    async start() {
      runner?.start();
    },
    async stop(deadlineMs: number) {
      await runner?.stop(deadlineMs);
      await queue.close();
    },
  };
  return feature satisfies RuntimeFeature;
}

export type WorkflowFeature = ReturnType<typeof createWorkflowFeature>;
