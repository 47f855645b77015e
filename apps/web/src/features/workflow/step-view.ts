import type { Step } from "@jeex/contracts/steps";
import type { ExecutionStatus, ExecutionSummary } from "@jeex/contracts/workflow";
import type { Status } from "../../ui/status-badge.tsx";
import type { LiveRun } from "./live-events.ts";
import { stepBefore } from "./steps.ts";

/** One entry of `workflow.status`'s steps. */
export interface StepStatus {
  step: Step;
  status: ExecutionStatus | "not_started";
  activeVersion: number | null;
  activeDocuments: number;
  stale: boolean;
  lastExecution: ExecutionSummary | null;
}

export interface StepView {
  step: Step;
  /** What the badge says. A stale step that is not running reads "Stale". */
  status: Status;
  /** The run that is queued or running, for progress and Cancel. */
  activeExecutionId: string | undefined;
  percent: number | undefined;
  progressMessage: string | undefined;
  /** The recorded error of a failed last run. */
  error: { code: string; message: string } | undefined;
  stale: boolean;
  activeVersion: number | null;
  /**
   * The stream announced this run's success before the server's answers caught up: its documents
   * exist but are still being fetched, so the card must not say there are none.
   */
  documentsArriving: boolean;
  lastExecution: ExecutionSummary | null;
  /** It ran before or has documents: its button says "Re-run". */
  ranBefore: boolean;
  /** The first run of `about` needs the idea form; every other run takes optional feedback. */
  needsIdea: boolean;
  /** Why Run is not possible yet (the step before has no documents), or undefined. */
  blockedBy: Step | undefined;
}

const progressRank: Record<ExecutionStatus | "not_started", number> = {
  not_started: 0,
  queued: 1,
  running: 2,
  succeeded: 3,
  failed: 3,
  cancelled: 3,
};

/**
 * Which of the server's answer and the stream's news is newer. Ids are time-ordered (UUIDv7):
 * a live run with a newer id is a run the status query has not seen yet; for the same run the
 * status further along wins (the stream is ahead of the query, or the query caught up).
 */
function newest(server: ExecutionSummary | null, live: LiveRun | undefined) {
  if (!live) return { status: server?.status, source: "server" as const };
  if (!server || live.executionId > server.id) return { status: live.status, source: "live" as const };
  if (live.executionId < server.id) return { status: server.status, source: "server" as const };
  return progressRank[live.status] > progressRank[server.status]
    ? { status: live.status, source: "live" as const }
    : { status: server.status, source: "server" as const };
}

export function deriveStepView(
  step: StepStatus,
  live: LiveRun | undefined,
  previous: StepStatus | undefined,
): StepView {
  const { status: executionStatus, source } = newest(step.lastExecution, live);
  const current = executionStatus ?? "not_started";
  const active = current === "queued" || current === "running";
  const fromLive = source === "live" && live !== undefined;
  const activeExecutionId = active ? (fromLive ? live.executionId : step.lastExecution?.id) : undefined;
  const recordedError = step.lastExecution?.error
    ? { code: step.lastExecution.error.code, message: step.lastExecution.error.message }
    : undefined;
  const before = stepBefore(step.step);
  return {
    step: step.step,
    status: !active && step.stale ? "stale" : current,
    activeExecutionId,
    // Only the stream knows the percentage; a run the page has not seen progress of shows none.
    percent: active && live?.executionId === activeExecutionId ? live?.percent : undefined,
    progressMessage: active && live?.executionId === activeExecutionId ? live?.message : undefined,
    error: current === "failed" ? ((fromLive ? live.error : undefined) ?? recordedError) : undefined,
    stale: step.stale,
    activeVersion: step.activeVersion,
    // Only the stream is ahead of the server: once the status query says succeeded, it also
    // carries the active version the run wrote.
    documentsArriving: current === "succeeded" && fromLive,
    lastExecution: step.lastExecution,
    ranBefore: step.lastExecution !== null || step.activeVersion !== null,
    needsIdea: step.step === "about" && step.lastExecution === null && step.activeVersion === null,
    blockedBy: before && previous && previous.activeVersion === null ? before : undefined,
  };
}
