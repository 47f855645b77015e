import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { exportJobs } from "../../src/exports/export-jobs.ts";
import { memoryIndexJobs } from "../../src/memory/pipeline/index-jobs.ts";
import type { JobKind } from "../../src/queue/port.ts";
import { stepJobs } from "../../src/queue/step-jobs.ts";

const scope = { tenantId: randomUUID(), userId: randomUUID(), traceparent: "00-trace-span-01" };

const kinds: [string, JobKind<object>, Record<string, unknown>, string][] = [
  ["steps", stepJobs, { executionId: randomUUID(), projectId: randomUUID() }, "executionId"],
  ["exports", exportJobs, { exportId: randomUUID(), projectId: randomUUID() }, "exportId"],
  [
    "memory-index",
    memoryIndexJobs,
    { documentId: randomUUID(), versionId: randomUUID(), requestedAt: 1 },
    "versionId",
  ],
];

describe.each(kinds)("the %s job kind", (name, kind, fields, idField) => {
  const job: Record<string, unknown> = { ...fields, ...scope };

  it("is named for its queue and reads back the job it was given, without strangers' fields", () => {
    expect(kind.name).toBe(name);
    expect(kind.parse({ ...job, extra: "dropped" })).toEqual(job);
    expect(kind.idOf(kind.parse(job))).toContain(job[idField]);
  });

  it("refuses a job without whom it acts for, or with an id that is not a UUID", () => {
    const { tenantId: _, ...withoutTenant } = job;
    expect(() => kind.parse(withoutTenant)).toThrow();
    expect(() => kind.parse({ ...job, userId: "someone" })).toThrow();
    expect(() => kind.parse({ ...job, [idField]: "not-a-uuid" })).toThrow();
    expect(() => kind.parse({ ...job, traceparent: "x".repeat(129) })).toThrow();
  });
});
