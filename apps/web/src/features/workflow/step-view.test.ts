import type { ExecutionSummary } from "@jeex/contracts/workflow";
import { describe, expect, it } from "vitest";
import type { LiveRun } from "./live-events.ts";
import { deriveStepView, type StepStatus } from "./step-view.ts";

const execution = (id: string, status: ExecutionSummary["status"], extra: Partial<ExecutionSummary> = {}) =>
  ({
    id,
    projectId: "p",
    step: "architecture",
    agent: "Solution Architect",
    status,
    feedback: null,
    error: null,
    attempts: 1,
    provider: "template",
    model: "template-1",
    tokensIn: 10,
    tokensOut: 20,
    costUsd: 0,
    correlationId: null,
    queuedAt: "2026-12-01T10:00:00.000Z",
    startedAt: null,
    finishedAt: null,
    ...extra,
  }) satisfies ExecutionSummary;

const step = (extra: Partial<StepStatus> = {}): StepStatus => ({
  step: "architecture",
  status: "not_started",
  activeVersion: null,
  activeDocuments: 0,
  stale: false,
  lastExecution: null,
  ...extra,
});

const live = (executionId: string, status: LiveRun["status"], extra: Partial<LiveRun> = {}): LiveRun => ({
  executionId,
  status,
  percent: undefined,
  message: undefined,
  error: undefined,
  ...extra,
});

const aboutDone = step({ step: "about", status: "succeeded", activeVersion: 1 });

describe("what a step shows", () => {
  it("a step that never ran is not started, and waits for the step before it", () => {
    const view = deriveStepView(step(), undefined, step({ step: "about" }));
    expect(view.status).toBe("not_started");
    expect(view.blockedBy).toBe("about");
    expect(view.activeExecutionId).toBeUndefined();
  });

  it("the first About run needs the idea form; a later one takes feedback", () => {
    expect(deriveStepView(step({ step: "about" }), undefined, undefined).needsIdea).toBe(true);
    const ran = step({ step: "about", status: "failed", lastExecution: execution("01", "failed") });
    expect(deriveStepView(ran, undefined, undefined).needsIdea).toBe(false);
  });

  it("a running run from the stream shows its progress before the status query knows it", () => {
    const view = deriveStepView(
      step({ status: "succeeded", activeVersion: 1, lastExecution: execution("0190-a", "succeeded") }),
      live("0190-b", "running", { percent: 40, message: "Writing ADRs" }),
      aboutDone,
    );
    expect(view).toMatchObject({ status: "running", activeExecutionId: "0190-b", percent: 40 });
    expect(view.progressMessage).toBe("Writing ADRs");
  });

  it("a queued run the server reports shows as queued, with no percentage yet", () => {
    const view = deriveStepView(
      step({ status: "queued", lastExecution: execution("0190-a", "queued") }),
      undefined,
      aboutDone,
    );
    expect(view).toMatchObject({ status: "queued", activeExecutionId: "0190-a", percent: undefined });
  });

  /** The status query says `serverRun` is running; the stream says `liveRun` succeeded. */
  const runningYetLiveSucceeded = (serverRun: string, liveRun: string) =>
    deriveStepView(
      step({ status: "running", lastExecution: execution(serverRun, "running") }),
      live(liveRun, "succeeded"),
      aboutDone,
    );

  it("an older run's live news does not hide the newer run the server reports", () => {
    const view = runningYetLiveSucceeded("0190-b", "0190-a");
    expect(view.status).toBe("running");
    expect(view.activeExecutionId).toBe("0190-b");
  });

  it("the stream's terminal event wins over a status query that still says running", () => {
    const view = runningYetLiveSucceeded("0190-a", "0190-a");
    expect(view.status).toBe("succeeded");
    expect(view.activeExecutionId).toBeUndefined();
  });

  it("a failed run shows the recorded error", () => {
    const failed = execution("0190-a", "failed", {
      error: { code: "LLM_FAILED", message: "the model timed out" },
    });
    const view = deriveStepView(step({ status: "failed", lastExecution: failed }), undefined, aboutDone);
    expect(view.status).toBe("failed");
    expect(view.error).toEqual({ code: "LLM_FAILED", message: "the model timed out" });
  });

  it("a failure from the stream shows its error before the query refetches", () => {
    const view = deriveStepView(
      step({ status: "running", lastExecution: execution("0190-a", "running") }),
      live("0190-a", "failed", { error: { code: "BUDGET", message: "monthly budget reached" } }),
      aboutDone,
    );
    expect(view.error?.message).toBe("monthly budget reached");
  });

  it("a succeeded step whose upstream changed reads stale; while re-running it reads running", () => {
    const done = step({
      status: "succeeded",
      stale: true,
      activeVersion: 2,
      lastExecution: execution("0190-a", "succeeded"),
    });
    expect(deriveStepView(done, undefined, aboutDone).status).toBe("stale");
    const rerun = deriveStepView(done, live("0190-b", "queued"), aboutDone);
    expect(rerun.status).toBe("queued");
    expect(rerun.stale).toBe(true);
  });

  it("a success the stream announced before the status query caught up has documents on their way", () => {
    const running = step({ status: "running", lastExecution: execution("0190-a", "running") });
    const announced = deriveStepView(running, live("0190-a", "succeeded"), aboutDone);
    expect(announced.status).toBe("succeeded");
    expect(announced.documentsArriving).toBe(true);
    const caughtUp = step({
      status: "succeeded",
      activeVersion: 1,
      lastExecution: execution("0190-a", "succeeded"),
    });
    expect(deriveStepView(caughtUp, live("0190-a", "succeeded"), aboutDone).documentsArriving).toBe(false);
  });
});
