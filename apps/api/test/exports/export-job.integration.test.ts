import type { ProgressEvent } from "@jeex/contracts/agents/progress-events";
import { createMemoryEventLog } from "@jeex/core/events";
import { createExportHandler } from "@jeex/core/exports";
import type { Database } from "@jeex/db/client";
import { createExportRepository, createProjectRepository } from "@jeex/db/repositories";
import { databaseTargets, rawRows } from "@jeex/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionMember, type TestMember, testConfig } from "../support/server.ts";

const attempt = { number: 1, of: 3 };

describe.each(databaseTargets())("the export job checks the pack again when it runs ($name)", (target) => {
  let db: Database;
  let member: TestMember;

  beforeAll(async () => {
    db = await target.open();
    member = await provisionMember(db, testConfig(), "editor");
  });
  afterAll(() => db.close());

  /** A project and a queued export of it, written directly: as if the request-time check had passed. */
  async function queuedExport() {
    return db.withTenant({ tenantId: member.tenantId, userId: member.userId }, async (tx) => {
      const project = await createProjectRepository(tx).insert({
        name: "Half done",
        description: "",
        language: "en",
      });
      const row = await createExportRepository(tx).insert({
        projectId: project.id,
        expiresAt: new Date(Date.now() + 3600_000),
      });
      return { projectId: project.id, exportId: row.id };
    });
  }

  function harness() {
    const events = createMemoryEventLog<ProgressEvent>();
    const handler = createExportHandler({ db, events, ttlMs: 3600_000 });
    const run = (job: { exportId: string; projectId: string }) =>
      handler(
        { ...job, tenantId: member.tenantId, userId: member.userId },
        new AbortController().signal,
        attempt,
      );
    const read = (projectId: string) =>
      events
        .readAfter({ tenantId: member.tenantId, projectId }, undefined)
        .then((logged) => logged.map((l) => l.event));
    const find = (exportId: string) =>
      db.withTenant({ tenantId: member.tenantId, userId: member.userId }, (tx) =>
        createExportRepository(tx).find(exportId),
      );
    return { run, read, find };
  }

  it("fails the export, naming the steps, when a step has no active document", async () => {
    const { run, read, find } = harness();
    const job = await queuedExport();
    await run(job);
    const row = await find(job.exportId);
    expect(row).toMatchObject({ status: "failed", sha256: null, manifest: null });
    expect(row?.error).toEqual({
      code: "PACK_INCOMPLETE",
      message: expect.stringMatching(/no active document for about, architecture, plan, specs/),
    });
    const events = await read(job.projectId);
    expect(events.map((event) => event.type)).toEqual(["export.progress", "export.failed"]);
    expect(events.at(-1)).toMatchObject({ exportId: job.exportId, error: { code: "PACK_INCOMPLETE" } });

    // A duplicate delivery of the same job finds it finished and does nothing.
    await run(job);
    expect(await read(job.projectId)).toHaveLength(2);
  });

  it("fails the export when its project was deleted in between", async () => {
    const { run, find } = harness();
    const job = await queuedExport();
    await db.withTenant({ tenantId: member.tenantId, userId: member.userId }, (tx) =>
      createProjectRepository(tx).softDelete(job.projectId),
    );
    await run(job);
    // By id the export went with its project (NOT_FOUND); the row itself records why it failed.
    expect(await find(job.exportId)).toBeUndefined();
    const [row] = await db.withTenant({ tenantId: member.tenantId, userId: member.userId }, (tx) =>
      rawRows<{ status: string; error: { code: string } | null }>(
        tx,
        sql`select status, error from exports where id = ${job.exportId}`,
      ),
    );
    expect(row).toMatchObject({ status: "failed", error: { code: "PROJECT_NOT_FOUND" } });
  });
});
