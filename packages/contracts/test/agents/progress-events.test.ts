import { describe, expect, it } from "vitest";
import {
  isTerminalEvent,
  type ProgressEvent,
  progressEventSchema,
} from "../../src/agents/progress-events.ts";

const ids = {
  executionId: "01965f3e-8a4b-7c2d-9e1f-0a1b2c3d4e5f",
  projectId: "01965f3e-8a4b-7c2d-9e1f-0a1b2c3d4e60",
  exportId: "01965f3e-8a4b-7c2d-9e1f-0a1b2c3d4e61",
  documentId: "01965f3e-8a4b-7c2d-9e1f-0a1b2c3d4e62",
};
const at = "2025-05-01T10:00:00.000Z";
const execution = {
  executionId: ids.executionId,
  projectId: ids.projectId,
  step: "architecture",
  at,
} as const;
const exporting = { exportId: ids.exportId, projectId: ids.projectId, at } as const;

const everyKind: ProgressEvent[] = [
  { type: "execution.queued", ...execution },
  { type: "execution.started", ...execution },
  { type: "execution.progress", ...execution, percent: 40, message: "Drafting decisions" },
  {
    type: "document.created",
    ...execution,
    documentId: ids.documentId,
    path: "docs/architecture.md",
    version: 2,
  },
  { type: "execution.succeeded", ...execution },
  { type: "execution.failed", ...execution, error: { code: "OUTPUT_INVALID", message: "decisions[1].id" } },
  { type: "execution.cancelled", ...execution },
  { type: "export.queued", ...exporting },
  { type: "export.progress", ...exporting, percent: 100, message: "Zipping" },
  { type: "export.succeeded", ...exporting },
  { type: "export.failed", ...exporting, error: { code: "STORAGE", message: "bucket unreachable" } },
];

describe("progress events", () => {
  it("every kind round-trips through the union unchanged", () => {
    for (const event of everyKind) expect(progressEventSchema.parse(event)).toEqual(event);
  });

  it("the type picks the shape: a progress event needs its percent", () => {
    expect(
      progressEventSchema.safeParse({ type: "execution.progress", ...execution, message: "x" }).success,
    ).toBe(false);
    expect(progressEventSchema.safeParse({ type: "execution.finished", ...execution }).success).toBe(false);
  });

  it("percent stays within 0..100 and timestamps are ISO-8601", () => {
    const progress = { type: "execution.progress", ...execution, message: "x" };
    expect(progressEventSchema.safeParse({ ...progress, percent: 101 }).success).toBe(false);
    expect(progressEventSchema.safeParse({ ...progress, percent: 0, at: "yesterday" }).success).toBe(false);
  });

  it("succeeded, failed and cancelled end a stream; progress does not", () => {
    expect(everyKind.filter(isTerminalEvent).map((event) => event.type)).toEqual([
      "execution.succeeded",
      "execution.failed",
      "execution.cancelled",
      "export.succeeded",
      "export.failed",
    ]);
  });
});
