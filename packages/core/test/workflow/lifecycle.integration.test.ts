import type { Database } from "@jeex/db/client";
import { createExecutionRepository, createUsageRepository } from "@jeex/db/repositories";
import { databaseTargets, useSuiteDatabase } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { createTemplateProvider } from "../../src/llm/template.ts";
import { createInProcessJobs } from "../../src/queue/in-process.ts";
import type { JobHandler, JobQueue, StepJob } from "../../src/queue/port.ts";
import { stepJobs } from "../../src/queue/step-jobs.ts";
import { cancelExecution } from "../../src/workflow/cancel.ts";
import { createStepHandler } from "../../src/workflow/execute-step.ts";
import { createExecutionLifecycle, lifecycleStoreOf } from "../../src/workflow/lifecycle.ts";
import { idea, listen, memberWithProject, runStepAs, workflowParts } from "./support/workflow-world.ts";

const quietLog = { info() {}, error() {} };
const ended = (executionId: string) => (events: { type: string; executionId?: string }[]) =>
  events.some(
    (e) =>
      e.executionId === executionId &&
      ["execution.succeeded", "execution.failed", "execution.cancelled"].includes(e.type),
  );

/** A queue whose worker starts the very moment a job is enqueued, and finishes before enqueue returns. */
function instantWorker(handler: JobHandler<StepJob>): JobQueue<StepJob> {
  return {
    enqueue: (job) => handler(job, new AbortController().signal, { number: 1, of: 1 }),
    close: async () => {},
  };
}

describe.each(databaseTargets())("the execution lifecycle ($name)", (target) => {
  const suite = useSuiteDatabase(target);

  it("queued is announced before started, even when the worker starts instantly", async () => {
    const member = await memberWithProject(suite.db);
    const { events, lifecycle } = workflowParts(suite.db);
    const handler = createStepHandler({
      db: suite.db,
      lifecycle,
      llm: createTemplateProvider(),
      log: quietLog,
    });
    const stream = listen(events, member);

    const { executionId } = await runStepAs(
      suite.db,
      member,
      { projectId: member.projectId, step: "about", input: idea },
      { queue: instantWorker(handler), lifecycle },
    );

    await stream.until(ended(executionId));
    expect(stream.types()).toEqual([
      "execution.queued",
      "execution.started",
      "execution.progress",
      "execution.progress",
      "document.created",
      "execution.succeeded",
    ]);
    const steps = stream.received.map((r) => ("step" in r.event ? r.event.step : undefined));
    expect(steps).toEqual(steps.map(() => "about"));
    stream.stop();
  });

  it("a run whose queued event cannot be published ends failed instead of waiting queued forever", async () => {
    const member = await memberWithProject(suite.db);
    const { events } = workflowParts(suite.db);
    const refusing: typeof events = {
      ...events,
      append: (key, event) =>
        event.type === "execution.queued"
          ? Promise.reject(new Error("event stream unreachable"))
          : events.append(key, event),
    };
    const lifecycle = createExecutionLifecycle({ db: suite.db, events: refusing });
    let enqueued = 0;
    const queue: JobQueue<StepJob> = { enqueue: async () => void enqueued++, close: async () => {} };

    const run = { projectId: member.projectId, step: "about" as const, input: idea };
    await expect(runStepAs(suite.db, member, run, { queue, lifecycle })).rejects.toThrow(/unavailable/);

    expect(enqueued).toBe(0);
    const [latest] = await suite.db.withTenant(member, (tx) =>
      createExecutionRepository(tx).latestPerStep(member.projectId),
    );
    expect(latest).toMatchObject({ status: "failed", error: { code: "QUEUE_UNAVAILABLE" } });
  });

  it("a step that fails for good after its retries ends failed, and a listener hears it", async () => {
    const member = await memberWithProject(suite.db);
    const { events, lifecycle } = workflowParts(suite.db);
    // Every attempt finds the database gone: the handler throws, the queue retries, then gives up.
    const unreachable = {
      ...suite.db,
      withTenant: () => Promise.reject(Object.assign(new Error("connection lost"), { code: "08006" })),
    } as Database;
    const handler = createStepHandler({
      db: unreachable,
      lifecycle,
      llm: createTemplateProvider(),
      log: quietLog,
    });
    let attempts = 0;
    const jobs = createInProcessJobs({
      kind: stepJobs,
      handler: (job, signal, attempt) => {
        attempts++;
        return handler(job, signal, attempt);
      },
      retry: { attempts: 3, backoffMs: 5 },
      onFailed: (job) => lifecycle.failForGood(job).then(() => undefined),
    });
    jobs.start();
    const stream = listen(events, member);

    const { executionId } = await runStepAs(
      suite.db,
      member,
      { projectId: member.projectId, step: "about", input: idea },
      { queue: jobs, lifecycle },
    );

    await stream.until(ended(executionId));
    await jobs.stop(1_000);
    expect(attempts).toBe(3);
    const failed = stream.received.at(-1)?.event;
    expect(failed).toMatchObject({
      type: "execution.failed",
      executionId,
      step: "about",
      error: { code: "WORKER_FAILED" },
    });
    const row = await suite.db.withTenant(member, (tx) => createExecutionRepository(tx).find(executionId));
    expect(row).toMatchObject({ status: "failed", error: { code: "WORKER_FAILED" } });
    stream.stop();
  });

  it("a cancelled run is announced once the cancelling transaction commits, with its step", async () => {
    const member = await memberWithProject(suite.db);
    const { events, lifecycle } = workflowParts(suite.db);
    const parked: StepJob[] = [];
    const stream = listen(events, member);
    const { executionId } = await runStepAs(
      suite.db,
      member,
      { projectId: member.projectId, step: "about", input: idea },
      { queue: { enqueue: async (job) => void parked.push(job), close: async () => {} }, lifecycle },
    );

    const afterCommit: (() => Promise<void>)[] = [];
    await suite.db.withTenant(member, async (tx) => {
      await cancelExecution(
        { ...lifecycleStoreOf(tx), lifecycle, afterCommit: (work) => afterCommit.push(work) },
        { executionId },
      );
      expect(stream.types()).toEqual(["execution.queued"]);
    });
    for (const work of afterCommit) await work();

    expect(stream.received.at(-1)?.event).toMatchObject({
      type: "execution.cancelled",
      executionId,
      step: "about",
    });
    // The parked job then runs and finds nothing to do: no second terminal event.
    const handler = createStepHandler({
      db: suite.db,
      lifecycle,
      llm: createTemplateProvider(),
      log: quietLog,
    });
    const [job] = parked;
    if (!job) throw new Error("the run was never enqueued");
    await handler(job, new AbortController().signal, { number: 1, of: 1 });
    expect(stream.types()).toEqual(["execution.queued", "execution.cancelled"]);
    const usage = await suite.db.withTenant(member, (tx) => createUsageRepository(tx).reservedTokens());
    expect(usage).toBe(0);
    stream.stop();
  });
});
