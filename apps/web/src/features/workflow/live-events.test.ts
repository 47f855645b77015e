import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import { describe, expect, it } from "vitest";
import { announcementFor, initialLiveState, reduceLiveEvent, staleQueriesAfter } from "./live-events.ts";

const at = "2026-12-01T10:00:00.000Z";
const base = { projectId: "p", step: "plan", at } as const;
const events = {
  queued: { type: "execution.queued", executionId: "0190-b", ...base },
  started: { type: "execution.started", executionId: "0190-b", ...base },
  progress: {
    type: "execution.progress",
    executionId: "0190-b",
    percent: 55,
    message: "Epic 2 of 4",
    ...base,
  },
  document: {
    type: "document.created",
    executionId: "0190-b",
    documentId: "d",
    path: "plans/epic-2.md",
    version: 1,
    ...base,
  },
  succeeded: { type: "execution.succeeded", executionId: "0190-b", ...base },
  failed: { type: "execution.failed", executionId: "0190-b", error: { code: "X", message: "boom" }, ...base },
  olderProgress: { type: "execution.progress", executionId: "0190-a", percent: 99, message: "old", ...base },
} satisfies Record<string, ProgressEvent>;

const fold = (list: ProgressEvent[]) => list.reduce(reduceLiveEvent, initialLiveState);

describe("the event → state reducer", () => {
  it("follows a run from queued through progress to its end, keeping the last percentage", () => {
    expect(fold([events.queued]).runs.plan).toMatchObject({ status: "queued", percent: undefined });
    expect(fold([events.queued, events.started, events.progress]).runs.plan).toMatchObject({
      status: "running",
      percent: 55,
      message: "Epic 2 of 4",
    });
    expect(fold([events.queued, events.progress, events.document, events.succeeded]).runs.plan).toMatchObject(
      {
        status: "succeeded",
        percent: 55,
      },
    );
  });

  it("keeps the failure's error", () => {
    expect(fold([events.started, events.failed]).runs.plan?.error).toEqual({ code: "X", message: "boom" });
  });

  it("ignores a late event of an older run of the same step", () => {
    expect(fold([events.progress, events.olderProgress]).runs.plan).toMatchObject({
      executionId: "0190-b",
      percent: 55,
    });
  });

  it("tracks exports apart from steps", () => {
    const state = fold([
      { type: "export.queued", exportId: "e", projectId: "p", at },
      { type: "export.progress", exportId: "e", projectId: "p", at, percent: 50, message: "zipping" },
    ]);
    expect(state.exports.e).toMatchObject({ status: "running", percent: 50 });
    expect(state.runs).toEqual({});
  });
});

describe("which cached queries an event makes stale", () => {
  it("a run's end refreshes the status, the run history and the documents", () => {
    for (const end of [events.succeeded, events.failed]) {
      expect(staleQueriesAfter(end)).toEqual(["workflow.status", "executions.list", "documents.list"]);
    }
  });
  it("a run's start refreshes the status and history; a progress tick refreshes nothing", () => {
    expect(staleQueriesAfter(events.queued)).toEqual(["workflow.status", "executions.list"]);
    expect(staleQueriesAfter(events.progress)).toEqual([]);
    expect(staleQueriesAfter(events.document)).toEqual([]);
  });
  it("an export's end refreshes the export list and details", () => {
    expect(staleQueriesAfter({ type: "export.succeeded", exportId: "e", projectId: "p", at })).toEqual([
      "exports.list",
      "exports.get",
    ]);
  });
});

describe("what is announced", () => {
  it("transitions are said in words; progress ticks stay silent", () => {
    expect(announcementFor(events.started)).toBe("Plan step started");
    expect(announcementFor(events.failed)).toBe("Plan step failed: boom");
    expect(announcementFor(events.progress)).toBeUndefined();
  });
});
