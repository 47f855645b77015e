import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import type { Step } from "@jeex/contracts/steps";
import type { ExecutionStatus } from "@jeex/contracts/workflow";
import { stepTitles } from "./steps.ts";

/** What the stream told us about a step's newest run, before `workflow.status` catches up. */
export interface LiveRun {
  executionId: string;
  status: ExecutionStatus;
  percent: number | undefined;
  message: string | undefined;
  error: { code: string; message: string } | undefined;
}

export interface LiveExport {
  exportId: string;
  status: "queued" | "running" | "succeeded" | "failed";
  percent: number | undefined;
  message: string | undefined;
  error: { code: string; message: string } | undefined;
}

export interface LiveState {
  runs: Partial<Record<Step, LiveRun>>;
  exports: Record<string, LiveExport>;
}

export const initialLiveState: LiveState = { runs: {}, exports: {} };

/** Queries an event makes out of date; refetched through the query cache by `pathFilter`. */
export type StaleQuery =
  | "workflow.status"
  | "executions.list"
  | "documents.list"
  | "exports.list"
  | "exports.get";

const executionStatusOf: Partial<Record<ProgressEvent["type"], ExecutionStatus>> = {
  "execution.queued": "queued",
  "execution.started": "running",
  "execution.progress": "running",
  "execution.succeeded": "succeeded",
  "execution.failed": "failed",
  "execution.cancelled": "cancelled",
};

const exportStatusOf: Partial<Record<ProgressEvent["type"], LiveExport["status"]>> = {
  "export.queued": "queued",
  "export.progress": "running",
  "export.succeeded": "succeeded",
  "export.failed": "failed",
};

const terminal = new Set<ProgressEvent["type"]>([
  "execution.succeeded",
  "execution.failed",
  "execution.cancelled",
  "export.succeeded",
  "export.failed",
]);

/** After one of these nothing more comes for that execution or export. */
export const isTerminal = (event: ProgressEvent): boolean => terminal.has(event.type);

/**
 * Folds one event into the live state. Progress % lives here, not in the query cache: it changes
 * many times a second and no other view needs it. An event about an older execution than the
 * one already shown for the step is ignored (ids are time-ordered UUIDv7).
 */
export function reduceLiveEvent(state: LiveState, event: ProgressEvent): LiveState {
  if ("executionId" in event) {
    const status = executionStatusOf[event.type];
    if (!status) return state; // document.created: the document list refetches at the end
    const current = state.runs[event.step];
    if (current && current.executionId > event.executionId) return state;
    const sameRun = current?.executionId === event.executionId;
    const next: LiveRun = {
      executionId: event.executionId,
      status,
      percent: event.type === "execution.progress" ? event.percent : sameRun ? current.percent : undefined,
      message: event.type === "execution.progress" ? event.message : sameRun ? current.message : undefined,
      error: event.type === "execution.failed" ? event.error : undefined,
    };
    return { ...state, runs: { ...state.runs, [event.step]: next } };
  }
  const status = exportStatusOf[event.type];
  if (!status) return state;
  const current = state.exports[event.exportId];
  const next: LiveExport = {
    exportId: event.exportId,
    status,
    percent: event.type === "export.progress" ? event.percent : current?.percent,
    message: event.type === "export.progress" ? event.message : current?.message,
    error: event.type === "export.failed" ? event.error : undefined,
  };
  return { ...state, exports: { ...state.exports, [event.exportId]: next } };
}

/** The queries an event invalidates: a run's start or end changes the step, its end the documents. */
export function staleQueriesAfter(event: ProgressEvent): StaleQuery[] {
  switch (event.type) {
    case "execution.queued":
    case "execution.started":
      return ["workflow.status", "executions.list"];
    case "execution.succeeded":
    case "execution.failed":
    case "execution.cancelled":
      return ["workflow.status", "executions.list", "documents.list"];
    case "export.queued":
      return ["exports.list"];
    case "export.succeeded":
    case "export.failed":
      return ["exports.list", "exports.get"];
    default:
      return [];
  }
}

const stepSentence: Partial<Record<ProgressEvent["type"], string>> = {
  "execution.queued": "queued",
  "execution.started": "started",
  "execution.succeeded": "succeeded",
  "execution.failed": "failed",
  "execution.cancelled": "was cancelled",
  "export.queued": "queued",
  "export.succeeded": "is ready to download",
  "export.failed": "failed",
};

/** What a screen reader hears for a transition; progress ticks are not announced. */
export function announcementFor(event: ProgressEvent): string | undefined {
  const verb = stepSentence[event.type];
  if (!verb) return undefined;
  if ("executionId" in event) {
    const reason = event.type === "execution.failed" ? `: ${event.error.message}` : "";
    return `${stepTitles[event.step]} step ${verb}${reason}`;
  }
  return `Export ${verb}`;
}
