import {
  createExecutionRepository,
  createProjectRepository,
  createUsageRepository,
} from "@jeex/db/repositories";
import { databaseTargets, useSuiteDatabase } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { deleteProject } from "../../src/projects/service.ts";
import type { JobQueue, StepJob } from "../../src/queue/port.ts";
import { lifecycleStoreOf } from "../../src/workflow/lifecycle.ts";
import { watchForCancellation } from "../../src/workflow/watch-cancellation.ts";
import { idea, listen, memberWithProject, runStepAs, workflowParts } from "./support/workflow-world.ts";

const parked: JobQueue<StepJob> = { enqueue: async () => {}, close: async () => {} };

describe.each(databaseTargets())("a run whose project is deleted meanwhile ($name)", (target) => {
  const suite = useSuiteDatabase(target);

  it("is stopped like a cancelled one: its execution is gone with the project", async () => {
    const member = await memberWithProject(suite.db);
    const { lifecycle } = workflowParts(suite.db);
    const { executionId } = await runStepAs(
      suite.db,
      member,
      { projectId: member.projectId, step: "about", input: idea },
      { queue: parked, lifecycle },
    );
    const watch = watchForCancellation(suite.db, member, executionId, new AbortController().signal, 20);
    try {
      await suite.db.withTenant(member, (tx) => createProjectRepository(tx).softDelete(member.projectId));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the run was not stopped")), 5_000);
        watch.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      expect(watch.cancelledByUser()).toBe(true);
    } finally {
      watch.stop();
    }
  });

  it("deleting the project cancels its unfinished runs, releases their tokens and announces it", async () => {
    const member = await memberWithProject(suite.db);
    const { events, lifecycle } = workflowParts(suite.db);
    const { executionId } = await runStepAs(
      suite.db,
      member,
      { projectId: member.projectId, step: "about", input: idea },
      { queue: parked, lifecycle },
    );
    const stream = listen(events, member);
    const afterCommit: (() => Promise<void>)[] = [];
    await suite.db.withTenant(member, async (tx) => {
      const store = lifecycleStoreOf(tx);
      expect(await store.usage.reservedTokens()).toBeGreaterThan(0);
      await deleteProject(
        {
          projects: createProjectRepository(tx),
          cancelUnfinishedRuns: async (projectId) => {
            afterCommit.push(
              await lifecycle.cancelUnfinishedOf(store, projectId, {
                code: "PROJECT_DELETED",
                message: "deleted",
              }),
            );
          },
        },
        { projectId: member.projectId },
      );
    });
    for (const announce of afterCommit) await announce();

    const unfinished = await suite.db.withTenant(member, (tx) =>
      createExecutionRepository(tx).unfinishedOf(member.projectId),
    );
    expect(unfinished).toEqual([]);
    expect(await suite.db.withTenant(member, (tx) => createUsageRepository(tx).reservedTokens())).toBe(0);
    await stream.until((received) =>
      received.some((event) => event.type === "execution.cancelled" && event.executionId === executionId),
    );
    stream.stop();
  });
});
