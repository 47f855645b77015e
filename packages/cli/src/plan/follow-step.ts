import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { JeexClient, RouterInputs } from "@jeex/client";
import { agentNames, type Step } from "@jeex/contracts/steps";
import { awaitOutcome } from "../events/await-outcome.ts";
import type { ProjectEventStream } from "../events/project-events.ts";
import type { Output } from "../output.ts";
import { createProgressBar } from "../progress-bar.ts";
import { isNetworkError } from "../server-errors.ts";

export interface StepOutcome {
  step: Step;
  executionId: string;
  status: "succeeded" | "failed" | "cancelled";
  error: { code: string; message: string } | null;
}

export interface FollowStepOptions {
  client: JeexClient;
  events: ProjectEventStream;
  out: Output;
  signal: AbortSignal;
  projectId: string;
  step: Step;
  idea?: string | undefined;
  feedback?: string | undefined;
}

const terminalStatuses = new Set(["succeeded", "failed", "cancelled"]);
const START_ATTEMPTS = 3;

/**
 * Starting a step is retried when the request got no answer: the idempotency key makes the server
 * return the first execution, so a retry never runs the step twice.
 */
async function startStep(client: JeexClient, input: RouterInputs["workflow"]["runStep"]) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.workflow.runStep.mutate(input);
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !isNetworkError(error)) throw error;
      await sleep(500 * attempt);
    }
  }
}

/** Runs one step and follows it to its end on the project's event stream, drawing its progress bar. */
export async function startAndFollowStep(options: FollowStepOptions): Promise<StepOutcome> {
  const { client, step, projectId } = options;
  const bar = createProgressBar(options.out, step);
  const { executionId } = await startStep(client, {
    projectId,
    step,
    idempotencyKey: randomUUID(),
    ...(options.idea !== undefined ? { input: { idea: options.idea } } : {}),
    ...(options.feedback !== undefined ? { feedback: options.feedback } : {}),
  });
  let percent = 0;
  const show = (to: number, message: string) => {
    percent = Math.max(percent, to);
    bar.update(percent, message);
  };
  show(0, "queued");

  const ended = (status: StepOutcome["status"], error: StepOutcome["error"] = null): StepOutcome => ({
    step,
    executionId,
    status,
    error,
  });
  try {
    return await awaitOutcome<StepOutcome>({
      events: options.events,
      signal: options.signal,
      interruptedMessage: `the ${step} step (execution ${executionId}) continues on the server`,
      onEvent(event) {
        if (!("executionId" in event) || event.executionId !== executionId) return undefined;
        switch (event.type) {
          case "execution.started":
            show(5, `${agentNames[step]} started`);
            return undefined;
          case "execution.progress":
            show(event.percent, event.message);
            return undefined;
          case "document.created":
            show(percent, `wrote ${event.path} v${event.version}`);
            return undefined;
          case "execution.succeeded":
            show(100, "done");
            return ended("succeeded");
          case "execution.failed":
            return ended("failed", event.error);
          case "execution.cancelled":
            return ended("cancelled");
          default:
            return undefined;
        }
      },
      async check() {
        const execution = await client.workflow.executions.get.query({ executionId });
        if (!terminalStatuses.has(execution.status)) return undefined;
        const error = execution.error
          ? { code: execution.error.code, message: execution.error.message }
          : null;
        if (execution.status === "succeeded") show(100, "done");
        return ended(execution.status as StepOutcome["status"], error);
      },
    });
  } finally {
    bar.clear();
  }
}
