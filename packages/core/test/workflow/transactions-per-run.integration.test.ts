import { AsyncLocalStorage } from "node:async_hooks";
import type { Database } from "@jeex/db/client";
import { databaseTargets, useSuiteDatabase } from "@jeex/db/testing";
import { describe, expect, it } from "vitest";
import { type CostModel, costModelOf } from "../../src/llm/cost-model.ts";
import { createTemplateProvider } from "../../src/llm/template.ts";
import { memoryConfigSchema } from "../../src/memory/config.ts";
import { memoryIndexJobs } from "../../src/memory/pipeline/index-jobs.ts";
import { createMemoryRuntime } from "../../src/memory/runtime.ts";
import { createInProcessJobs } from "../../src/queue/in-process.ts";
import type { JobQueue, StepJob } from "../../src/queue/port.ts";
import { createStepHandler } from "../../src/workflow/execute-step.ts";
import { idea, listen, memberWithProject, runStepAs, workflowParts } from "./support/workflow-world.ts";

const quiet = { info() {}, warn() {}, error() {} };

/** The database with each tenant transaction it opens counted under the label of the work opening it. */
function countingTransactions(db: Database) {
  const opened: string[] = [];
  const labels = new AsyncLocalStorage<string>();
  const counted: Database = {
    ...db,
    withTenant: (scope, work, options) => {
      opened.push(labels.getStore() ?? "unlabelled");
      return db.withTenant(scope, work, options);
    },
  };
  return {
    db: counted,
    as: <T>(label: string, work: () => Promise<T>) => labels.run(label, work),
    count: (of: string) => opened.filter((label) => label === of).length,
  };
}

const templateCost = costModelOf({ provider: "template" });
const billedCost: CostModel = { provider: "openai-compatible", modelFor: () => "gpt-test" };
const noQueue: JobQueue<StepJob> = { enqueue: async () => {}, close: async () => {} };

// Each tenant transaction is a pooled connection and several round trips; on the step's path they
// add up to most of its orchestration overhead (issue #13). These counts are a budget: a new one
// on the path is a decision, not an accident.
describe.each(databaseTargets())("tenant transactions per run ($name)", (target) => {
  const suite = useSuiteDatabase(target);

  it("a run requested on a backend that bills nothing opens one; a billed one is priced in a first", async () => {
    const member = await memberWithProject(suite.db);
    const counting = countingTransactions(suite.db);
    const { lifecycle } = workflowParts(counting.db);
    const input = { projectId: member.projectId, step: "about" as const, input: idea };

    await counting.as("template", () =>
      runStepAs(counting.db, member, input, { queue: noQueue, lifecycle, costModel: templateCost }),
    );
    await counting.as("billed", () =>
      runStepAs(counting.db, member, input, { queue: noQueue, lifecycle, costModel: billedCost }),
    );

    expect(counting.count("template")).toBe(1);
    expect(counting.count("billed")).toBe(2);
  });

  it("a step with project memory: its index requests commit with its versions, and each index job settles its own", async () => {
    const member = await memberWithProject(suite.db);
    const counting = countingTransactions(suite.db);
    const { events, lifecycle } = workflowParts(counting.db);
    let indexed = () => {};
    const indexJobDone = new Promise<void>((resolve) => {
      indexed = resolve;
    });
    const memory = createMemoryRuntime({
      config: memoryConfigSchema.parse({
        embeddings: { provider: "hashing" },
        vectors: { kind: "embedded" },
      }),
      db: counting.db,
      log: quiet,
      recoverLostJobs: false,
      jobs: ({ handler, onFailed }) => {
        const jobs = createInProcessJobs({
          kind: memoryIndexJobs,
          handler: (job, signal, attempt) =>
            counting.as("index job", async () => {
              await handler(job, signal, attempt);
              indexed();
            }),
          onFailed,
          concurrency: 1,
        });
        return { queue: jobs, runner: jobs };
      },
    });
    await memory.start();
    const handler = createStepHandler({
      db: counting.db,
      lifecycle,
      llm: createTemplateProvider(),
      log: quiet,
      memory: memory.stepMemory,
      // Its polls are transactions too, one per interval: none may land inside this step.
      cancelPollMs: 3_600_000,
    });
    const queue: JobQueue<StepJob> = {
      enqueue: (job) =>
        counting.as("step", () => handler(job, new AbortController().signal, { number: 1, of: 1 })),
      close: async () => {},
    };
    const stream = listen(events, member);

    const { executionId } = await runStepAs(
      counting.db,
      member,
      { projectId: member.projectId, step: "about", input: idea },
      { queue, lifecycle },
    );
    await stream.until((seen) =>
      seen.some((event) => event.type === "execution.succeeded" && event.executionId === executionId),
    );
    // Queued once the step has announced its success, so a job does not compete with the step.
    await indexJobDone;
    await memory.stop(5_000);

    // claim; persist with the index requests; the quality report's read and its save
    expect(counting.count("step")).toBe(4);
    // the about step writes one document: its job reads the version, then writes and settles
    expect(counting.count("index job")).toBe(2);
    const outstanding = (await suite.db.system.unfinishedIndexRequests()).filter(
      (request) => request.tenantId === member.tenantId,
    );
    expect(outstanding).toEqual([]);
  });
});
